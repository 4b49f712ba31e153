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
import type { ClipSource } from '@clippyfront/shared';
import { JobEntity } from '../jobs/job.entity.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A URL added to a project. Its state is not stored: it follows from its media (ready) or its
 * download job (queued, running, failed), so there is nothing to keep in sync. Its place on the
 * project's timeline is `timelinePosition` (null: not on it), unique within the project.
 */
@Entity('clips')
@Index('idx_clips_owner_url', ['ownerId', 'normalizedUrl'])
@Index('uq_clips_project_url', ['projectId', 'normalizedUrl'], { unique: true })
@Index('uq_clips_project_timeline', ['projectId', 'timelinePosition'], { unique: true })
export class ClipEntity {
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

  /** What the download fetches (a Discord URL keeps its signature parameters). */
  @Column({ type: 'varchar', length: 2048 })
  sourceUrl: string;

  /** The dedup key: canonical Twitch slug, Discord path, external URL without tracking. */
  @Column({ type: 'varchar', length: 2048 })
  normalizedUrl: string;

  @Column({ type: 'varchar', length: 16 })
  source: ClipSource;

  @Index('idx_clips_media')
  @Column({ type: 'uuid', nullable: true })
  mediaId: string | null;

  @ManyToOne(() => MediaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'media_id' })
  media?: MediaEntity | null;

  @Index('idx_clips_job')
  @Column({ type: 'uuid', nullable: true })
  jobId: string | null;

  @ManyToOne(() => JobEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'job_id' })
  job?: JobEntity | null;

  /** Ready from the start with media the owner had already downloaded. */
  @Column({ type: 'boolean', default: false })
  reused: boolean;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  creatorName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  creatorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  broadcasterName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  gameName: string | null;

  @Column({ type: 'double precision', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'int', nullable: true })
  viewCount: number | null;

  /** When the clip was made on its platform. */
  @Column({ type: 'timestamptz', nullable: true })
  clipCreatedAt: Date | null;

  /** The creator's avatar as a canonical /instance/... path. */
  @Column({ type: 'varchar', length: 1024, nullable: true })
  avatarPath: string | null;

  /** Order on the project's timeline (ascending); null when the clip is not on it. */
  @Column({ type: 'int', nullable: true })
  timelinePosition: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
