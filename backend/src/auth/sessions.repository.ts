import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { SessionEntity } from './session.entity.js';

@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  create(input: Omit<SessionEntity, 'id' | 'createdAt' | 'user'>): Promise<SessionEntity> {
    return this.sessions.save(this.sessions.create(input));
  }

  /** A session with its user, if it has not expired. */
  findLive(tokenHash: string): Promise<SessionEntity | null> {
    return this.sessions
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .where('session.tokenHash = :tokenHash AND session.expiresAt > now()', { tokenHash })
      .getOne();
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.sessions.update({ id }, { lastSeenAt: at });
  }

  async delete(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.sessions.delete({ userId });
  }

  async deleteExpired(): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
  }
}
