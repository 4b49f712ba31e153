import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThanOrEqual, type Repository } from 'typeorm';
import type { QueueName, WorkerHeartbeatRequest, WorkerRegisterRequest } from '@clippyfront/shared';
import { WorkerRegistrationTokenEntity } from './worker-registration-token.entity.js';
import { WorkerEntity } from './worker.entity.js';

/** What a worker said, its queue names resolved (no deprecated alias is stored). */
export type KnownQueues<T extends { queues: unknown }> = Omit<T, 'queues'> & {
  queues: QueueName[];
};

/** Jobs a worker ran, by outcome. */
export interface WorkerJobCounts {
  running: number;
  completed: number;
  failed: number;
}

@Injectable()
export class WorkersRepository {
  constructor(
    @InjectRepository(WorkerEntity) private readonly workers: Repository<WorkerEntity>,
    @InjectRepository(WorkerRegistrationTokenEntity)
    private readonly registrationTokens: Repository<WorkerRegistrationTokenEntity>,
  ) {}

  async create(
    id: string,
    about: KnownQueues<WorkerRegisterRequest>,
    tokenHash: string,
    seenAt: Date,
  ) {
    await this.workers.insert({
      id,
      name: about.name,
      queues: about.queues,
      concurrency: about.concurrency,
      version: about.version,
      ffmpegVersion: about.ffmpegVersion,
      encoder: about.encoder ?? null,
      lastSeenAt: seenAt,
      tokenHash,
    });
  }

  /** Heartbeat of a worker without a token (the in-process one). */
  async upsert(
    beat: KnownQueues<WorkerHeartbeatRequest> & { workerId: string },
    seenAt: Date,
  ): Promise<void> {
    await this.workers.upsert(
      {
        id: beat.workerId,
        name: beat.name,
        queues: beat.queues,
        concurrency: beat.concurrency,
        version: beat.version,
        ffmpegVersion: beat.ffmpegVersion,
        encoder: beat.encoder ?? null,
        lastSeenAt: seenAt,
      },
      ['id'],
    );
  }

  /** The worker whose token hashes to `tokenHash`, revoked or not. */
  findByTokenHash(tokenHash: string): Promise<WorkerEntity | null> {
    return this.workers.findOneBy({ tokenHash });
  }

  findById(id: string): Promise<WorkerEntity | null> {
    return this.workers.findOneBy({ id });
  }

  /** Saves the heartbeat; answers the boot id the worker had before it. */
  async beat(
    id: string,
    beat: KnownQueues<WorkerHeartbeatRequest>,
    seenAt: Date,
  ): Promise<string | null> {
    const [rows] = (await this.workers.query(
      `WITH before AS (SELECT boot_id AS previous FROM workers WHERE id = $1 FOR UPDATE)
       UPDATE workers SET name = $2, queues = $3::jsonb, concurrency = $4, version = $5,
         ffmpeg_version = $6, encoder = $7::jsonb, last_seen_at = $8,
         boot_id = COALESCE($9, boot_id)
       FROM before WHERE id = $1 RETURNING before.previous`,
      [
        id,
        beat.name,
        JSON.stringify(beat.queues),
        beat.concurrency,
        beat.version,
        beat.ffmpegVersion,
        JSON.stringify(beat.encoder ?? null),
        seenAt,
        beat.bootId ?? null,
      ],
    )) as [{ previous: string | null }[], number];
    return rows[0]?.previous ?? null;
  }

  /** Sets revokedAt once; false when the worker is unknown or already revoked. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.workers.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  seenSince(since: Date): Promise<WorkerEntity[]> {
    return this.workers.find({
      where: { lastSeenAt: MoreThanOrEqual(since), revokedAt: IsNull() },
      order: { name: 'ASC' },
    });
  }

  /** Workers that registered (have a token), newest first. */
  registered(): Promise<WorkerEntity[]> {
    return this.workers
      .createQueryBuilder('worker')
      .where('worker.token_hash IS NOT NULL')
      .orderBy('worker.createdAt', 'DESC')
      .getMany();
  }

  async jobCounts(ids: string[]): Promise<Map<string, WorkerJobCounts>> {
    if (!ids.length) return new Map();
    const rows = (await this.workers.query(
      `SELECT worker_id,
         COUNT(*) FILTER (WHERE state = 'running')::int AS running,
         COUNT(*) FILTER (WHERE state = 'completed')::int AS completed,
         COUNT(*) FILTER (WHERE state = 'failed')::int AS failed
       FROM jobs WHERE worker_id = ANY($1::varchar[]) GROUP BY worker_id`,
      [ids],
    )) as ({ worker_id: string } & WorkerJobCounts)[];
    return new Map(rows.map(({ worker_id, ...counts }) => [worker_id, counts]));
  }

  async createRegistrationToken(input: {
    tokenHash: string;
    createdBy: string | null;
    expiresAt: Date;
  }): Promise<WorkerRegistrationTokenEntity> {
    return this.registrationTokens.save(this.registrationTokens.create(input));
  }

  /** Marks an unused, unexpired registration token used (once, atomically); false otherwise. */
  async useRegistrationToken(tokenHash: string, workerId: string): Promise<boolean> {
    const [rows] = (await this.registrationTokens.query(
      `UPDATE worker_registration_tokens SET used_at = now(), worker_id = $2
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [tokenHash, workerId],
    )) as [{ id: string }[], number];
    return rows.length > 0;
  }
}
