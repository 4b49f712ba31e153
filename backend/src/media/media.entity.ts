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
import type { MediaType } from '@clippyfront/shared';
import { UserEntity } from '../users/user.entity.js';

const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A file in a user's library; `path` is canonical (/instance/...), rebased at runtime. */
@Entity('media')
@Index('idx_media_owner_type', ['ownerId', 'type'])
export class MediaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: MediaType;

  @Column({ type: 'varchar', length: 100 })
  mimeType: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 1024 })
  path: string;

  @Column({ type: 'jsonb', default: [] })
  tags: string[];

  @Column({ type: 'double precision', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ type: 'double precision', nullable: true })
  fps: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  videoCodec: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  audioCodec: string | null;

  @Column({ type: 'boolean', default: false })
  hasAudio: boolean;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  thumbnailPath: string | null;

  /** sha256 (hex) of the file, taken when it is stored; null until first needed (older rows). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  contentSha256: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
