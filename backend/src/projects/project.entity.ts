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
import type { ProjectOutputSettings } from '@clippyfront/shared';
import { MediaEntity } from '../media/media.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** For rows inserted without one (the API sets its own, see newPublicId); as in the migration. */
const PUBLIC_ID_DEFAULT_SQL = `translate(encode(decode(md5((uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()))), 'hex'), 'base64'), '+/=', '-_')`;

/**
 * A compilation being made: its name, output settings and arrangement (intro, outro,
 * transitions); its clips, and their order on the timeline, are in `clips`.
 */
@Entity('projects')
@Index('idx_projects_owner_created', ['ownerId', 'createdAt'])
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'jsonb' })
  output: ProjectOutputSettings;

  @Index('idx_projects_intro_media')
  @Column({ type: 'uuid', nullable: true })
  introMediaId: string | null;

  @ManyToOne(() => MediaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'intro_media_id' })
  introMedia?: MediaEntity | null;

  @Index('idx_projects_outro_media')
  @Column({ type: 'uuid', nullable: true })
  outroMediaId: string | null;

  @ManyToOne(() => MediaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'outro_media_id' })
  outroMedia?: MediaEntity | null;

  /** In the order they are cycled; ids of deleted media are skipped when read. */
  @Column({ type: 'jsonb', default: [] })
  transitionMediaIds: string[];

  @Column({ type: 'boolean', default: false })
  randomizeTransitions: boolean;

  /** Opaque id of the share page `/p/<publicId>` (128 random bits); a new one kills old links. */
  @Index('uq_projects_public_id', { unique: true })
  @Column({ type: 'varchar', length: 32, default: () => PUBLIC_ID_DEFAULT_SQL })
  publicId: string;

  /** Off: the share page answers 404 to everyone but the owner. */
  @Column({ type: 'boolean', default: false })
  sharingEnabled: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
