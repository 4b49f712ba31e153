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
import type { ThemePreference, UserRole, WatermarkOverride } from '@clippyfront/shared';
import { TierEntity } from '../tiers/tier.entity.js';

@Entity('users')
@Index('uq_users_username', { synchronize: false })
@Index('uq_users_email', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique regardless of case (see the migration's lower() index). */
  @Column({ type: 'varchar', length: 32 })
  username: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 16, default: 'user' })
  role: UserRole;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  twitchUsername: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  discordUserId: string | null;

  /** null: no tier (STORAGE_QUOTA applies, watermark on). */
  @Column({ type: 'uuid', nullable: true })
  tierId: string | null;

  /** RESTRICT: a tier still in use cannot be deleted (the API answers 409 first). */
  @ManyToOne(() => TierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tier_id' })
  tier?: TierEntity | null;

  @Column({ type: 'varchar', length: 16, default: 'default' })
  watermarkOverride: WatermarkOverride;

  @Column({ type: 'varchar', length: 8, default: 'site' })
  themePreference: ThemePreference;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
