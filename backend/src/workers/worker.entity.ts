import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EncoderStatus, QueueName } from '@clippyfront/shared';

/**
 * A registered worker (its token hashed) and what its last heartbeat said. Rows without a token
 * are from workers that predate registration: they no longer authenticate.
 */
@Entity('workers')
export class WorkerEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'jsonb', default: [] })
  queues: QueueName[];

  @Column({ type: 'int', default: 1 })
  concurrency: number;

  @Column({ type: 'varchar', length: 64 })
  version: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  ffmpegVersion: string | null;

  @Column({ type: 'jsonb', nullable: true })
  encoder: EncoderStatus | null;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** sha256 of the worker's own token. */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true, select: false })
  tokenHash: string | null;

  /** Set by an admin: the token stops working at once. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** The worker process's random id for this start (see WorkerHeartbeatRequest.bootId). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  bootId: string | null;
}
