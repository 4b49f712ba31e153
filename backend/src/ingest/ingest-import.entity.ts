import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ProjectEntity } from '../projects/project.entity.js';
import { UserEntity } from '../users/user.entity.js';

export type IngestImportState = 'importing' | 'imported';

const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string) => Number(value),
};

/**
 * One artifact file taken from INGEST_ROOT, by its path there and its sha256 (unique: never
 * imported twice). `importing` is a claim: the media row `mediaId` will be made with this id,
 * so a claim left by a crash is finished or retried by the next scan, never duplicated.
 */
@Entity('ingest_imports')
@Unique('uq_ingest_imports_path_sha256', ['path', 'sha256'])
@Check('ck_ingest_imports_state', `"state" IN ('importing', 'imported')`)
export class IngestImportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ingest_imports' })
  id: string;

  /** `<workerId>/<artifact>/<file>` under INGEST_ROOT. */
  @Column({ type: 'varchar', length: 2048 })
  path: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 16 })
  state: IngestImportState;

  /** No foreign key: the claim names the media before the media exists. */
  @Column({ type: 'uuid' })
  mediaId: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_ingest_imports_owner' })
  owner?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

  @ManyToOne(() => ProjectEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_ingest_imports_project' })
  project?: ProjectEntity | null;

  /** The source file as it was imported: an unchanged file is not hashed again. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  @Column({ type: 'double precision' })
  mtimeMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Index('idx_ingest_imports_imported_at')
  @Column({ type: 'timestamptz', nullable: true })
  importedAt: Date | null;
}
