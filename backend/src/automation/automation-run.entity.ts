import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type {
  FoundClipDto,
  RunStage,
  RunState,
  RunTrigger,
  SkippedClipDto,
} from '@clippyfront/shared';
import { UserEntity } from '../users/user.entity.js';
import { AutomationTaskEntity } from './automation-task.entity.js';

/**
 * One run of a task: a state machine the API drives stage by stage. Every stage's outcome is
 * saved before the next starts, and the ids a stage creates are chosen before it creates them,
 * so a run resumed by another API process never makes a second project or compilation.
 */
@Entity('automation_runs')
@Index('idx_automation_runs_task_created', ['taskId', 'createdAt'])
@Index('idx_automation_runs_active', ['state', 'leaseUntil'])
/** One queued or running run per task (a partial unique index, see the migration). */
@Index('uq_automation_runs_active_task', { synchronize: false })
export class AutomationRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => AutomationTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: AutomationTaskEntity;

  @Index('idx_automation_runs_owner')
  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  trigger: RunTrigger;

  /** No foreign key: a deleted schedule keeps its runs' history. */
  @Column({ type: 'uuid', nullable: true })
  scheduleId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledFor: Date | null;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state: RunState;

  @Column({ type: 'varchar', length: 16, default: 'fetch' })
  stage: RunStage;

  @Column({ type: 'int', default: 0 })
  progress: number;

  /** The clips the source gave, in its order (saved by the fetch stage). */
  @Column({ type: 'jsonb', nullable: true })
  clips: FoundClipDto[] | null;

  /** Chosen before the project is made (no foreign key: the project may be deleted later). */
  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ type: 'uuid', nullable: true })
  compilationId: string | null;

  @Column({ type: 'jsonb', default: [] })
  skippedClips: SkippedClipDto[];

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'jsonb', default: [] })
  log: string[];

  /** The API process driving the run, until `lease_until` (then any process may take it). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
