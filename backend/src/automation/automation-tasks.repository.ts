import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { MediaEntity } from '../media/media.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { AutomationTaskEntity } from './automation-task.entity.js';

export type TaskFields = Omit<AutomationTaskEntity, 'id' | 'owner' | 'createdAt' | 'updatedAt'>;
export type MediaTypeRow = Pick<MediaEntity, 'id' | 'name' | 'type'>;

@Injectable()
export class AutomationTasksRepository {
  constructor(
    @InjectRepository(AutomationTaskEntity)
    private readonly tasks: Repository<AutomationTaskEntity>,
    @InjectRepository(MediaEntity) private readonly media: Repository<MediaEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  findById(id: string): Promise<AutomationTaskEntity | null> {
    return this.tasks.findOneBy({ id });
  }

  /** One user's tasks, newest first. */
  list(ownerId: string): Promise<AutomationTaskEntity[]> {
    return this.tasks.find({ where: { ownerId }, order: { createdAt: 'DESC' } });
  }

  countForOwner(ownerId: string): Promise<number> {
    return this.tasks.countBy({ ownerId });
  }

  create(fields: TaskFields): Promise<AutomationTaskEntity> {
    return this.tasks.save(this.tasks.create(fields));
  }

  async update(id: string, changes: Partial<TaskFields>): Promise<AutomationTaskEntity> {
    await this.tasks.update({ id }, changes);
    return this.tasks.findOneByOrFail({ id });
  }

  async delete(id: string): Promise<void> {
    await this.tasks.delete({ id });
  }

  /** Which of these media exist and belong to the owner. */
  mediaOf(ownerId: string, ids: string[]): Promise<MediaTypeRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.media.find({
      where: { id: In(ids), ownerId },
      select: { id: true, name: true, type: true },
    });
  }

  async twitchUsernameOf(userId: string): Promise<string | null> {
    const user = await this.users.findOne({
      where: { id: userId },
      select: { id: true, twitchUsername: true },
    });
    return user?.twitchUsername ?? null;
  }
}
