import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type {
  CompilationArtifactDto,
  CompilationSource,
  CompileChapter,
  CompileEncoder,
  CompileSettingsDto,
} from '@clippyfront/shared';
import { IngestImportEntity } from '../ingest/ingest-import.entity.js';
import { JobEntity } from '../jobs/job.entity.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** What an imported artifact's manifest said of its render (null: not said). */
export interface ImportedOutput {
  durationSeconds: number | null;
  renderSeconds: number | null;
  encoder: CompileEncoder | null;
  chapters: CompileChapter[];
}

/**
 * One render of a project: its settings and `compile` job (state, progress, result and render
 * time live on the job), and the `compilation` media it produced. Or (`source` 'ingest') an
 * artifact the ingest importer took in: no job and no settings, its origin and manifest instead.
 */
@Entity('compilations')
@Index('idx_compilations_project_created', ['projectId', 'createdAt'])
@Check(
  'ck_compilations_source',
  `("source" = 'render' AND "job_id" IS NOT NULL) OR ("source" = 'ingest' AND "job_id" IS NULL AND "ingest_path" IS NOT NULL)`,
)
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

  @Column({ type: 'varchar', length: 16, default: 'render' })
  source: CompilationSource;

  @Index('idx_compilations_job', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  jobId: string | null;

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

  /** null for an import. */
  @Column({ type: 'jsonb', nullable: true })
  settings: (CompileSettingsDto & { tierNote?: string }) | null;

  /** The latest state a worker reported of the exported artifact; null: none reported since. */
  @Column({ type: 'jsonb', nullable: true })
  artifact: CompilationArtifactDto | null;

  /** The import that made it (one compilation per import at most). */
  @Index('idx_compilations_ingest_import', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  ingestImportId: string | null;

  @ManyToOne(() => IngestImportEntity, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'ingest_import_id',
    foreignKeyConstraintName: 'fk_compilations_ingest_import',
  })
  ingestImport?: IngestImportEntity | null;

  /** The worker directory under INGEST_ROOT it was imported from. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  ingestWorkerId: string | null;

  /** `<workerId>/<artifact>/<file>` under INGEST_ROOT. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  ingestPath: string | null;

  @Column({ type: 'jsonb', nullable: true })
  ingestOutput: ImportedOutput | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
