import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EncoderStatus, QueueName } from '@clippyfront/shared';

/** A worker process as last seen by its heartbeat. */
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
}
