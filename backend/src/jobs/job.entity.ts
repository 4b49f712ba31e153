import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { JobKind, JobState, QueueName } from '@clippyfront/shared';

/** The job table: the source of truth for every job, whatever happens to Redis. */
@Entity('jobs')
@Index('idx_jobs_state_updated', ['state', 'updatedAt'])
/** The fair claim's look at who was served lately on a queue. */
@Index('idx_jobs_queue_started', ['queue', 'startedAt'])
export class JobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  kind: JobKind;

  @Column({ type: 'varchar', length: 16 })
  queue: QueueName;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state: JobState;

  @Index('idx_jobs_owner')
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'jsonb', default: {} })
  payload: unknown;

  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'jsonb', default: [] })
  log: string[];

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int', default: 3 })
  maxAttempts: number;

  @Column({ type: 'varchar', length: 128, nullable: true })
  workerId: string | null;

  /** sha256 of the token handed to the worker that holds the current claim. */
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  claimTokenHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
