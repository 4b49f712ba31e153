import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CompilationArtifactDto, CompileSettingsDto } from '@clippyfront/shared';
import { JobEntity } from '../jobs/job.entity.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * One render of a project: its settings and `compile` job (state, progress, result and render
 * time live on the job), and the `compilation` media it produced.
 */
@Entity('compilations')
@Index('idx_compilations_project_created', ['projectId', 'createdAt'])
export class CompilationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Index('idx_compilations_job', { unique: true })
  @Column({ type: 'uuid' })
  jobId: string;

  @ManyToOne(() => JobEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job?: JobEntity;

  @Index('idx_compilations_media')
  @Column({ type: 'uuid', nullable: true })
  mediaId: string | null;

  /** Deleting the video from the library leaves the compilation without media. */
  @ManyToOne(() => MediaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'media_id' })
  media?: MediaEntity | null;

  @Column({ type: 'jsonb' })
  settings: CompileSettingsDto & { tierNote?: string };

  /** The latest state a worker reported of the exported artifact; null: none reported since. */
  @Column({ type: 'jsonb', nullable: true })
  artifact: CompilationArtifactDto | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
