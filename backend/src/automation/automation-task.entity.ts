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
import type { PreviousProjectPolicy, ProjectOutputSettings, TaskSource } from '@clippyfront/shared';
import { UserEntity } from '../users/user.entity.js';

/**
 * A saved compilation recipe: where its clips come from, how they are arranged and rendered.
 * Intro, outro and transitions are media ids checked when saved and again when a run uses them.
 */
@Entity('automation_tasks')
@Index('idx_automation_tasks_owner_created', ['ownerId', 'createdAt'])
export class AutomationTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'jsonb' })
  source: TaskSource;

  @Column({ type: 'uuid', nullable: true })
  introMediaId: string | null;

  @Column({ type: 'uuid', nullable: true })
  outroMediaId: string | null;

  @Column({ type: 'jsonb', default: [] })
  transitionMediaIds: string[];

  @Column({ type: 'boolean', default: false })
  randomizeTransitions: boolean;

  @Column({ type: 'jsonb' })
  output: ProjectOutputSettings;

  @Column({ type: 'varchar', length: 200 })
  projectNameTemplate: string;

  @Column({ type: 'varchar', length: 16, default: 'keep' })
  previousProject: PreviousProjectPolicy;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
