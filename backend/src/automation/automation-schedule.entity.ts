import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ScheduleType } from '@clippyfront/shared';
import { UserEntity } from '../users/user.entity.js';
import { AutomationTaskEntity } from './automation-task.entity.js';

/**
 * When a task runs by itself. `next_run_at` is claimed by the scheduler tick (moved on in one
 * conditional UPDATE), so each due time starts exactly one run across API processes.
 */
@Entity('automation_schedules')
@Index('idx_automation_schedules_due', ['enabled', 'nextRunAt'])
export class AutomationScheduleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_automation_schedules_task')
  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => AutomationTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: AutomationTaskEntity;

  @Index('idx_automation_schedules_owner')
  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  /** daily | weekly | monthly; legacy rows may say `once` (see run_at). */
  @Column({ type: 'varchar', length: 16 })
  type: ScheduleType;

  /** HH:MM local to `timezone`. */
  @Column({ type: 'varchar', length: 5 })
  time: string;

  @Column({ type: 'smallint', nullable: true })
  weekday: number | null;

  @Column({ type: 'smallint', nullable: true })
  dayOfMonth: number | null;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** Legacy `once` schedules: the one time they ran at. */
  @Column({ type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  nextRunAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastRunAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
