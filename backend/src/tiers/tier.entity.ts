import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { TierResolution } from '@clippyfront/shared';

const bigintAsNumber = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A plan: limits (null = none) and output caps. See the migration for the seeded ones. */
@Entity('tiers')
/** Unique regardless of case (see the migration's lower() index). */
@Index('uq_tiers_name', { synchronize: false })
/** At most one row has is_default (a partial unique index); the service keeps exactly one. */
@Index('uq_tiers_default', { synchronize: false })
export class TierEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  storageLimitBytes: number | null;

  @Column({ type: 'int', nullable: true })
  monthlyRenderSeconds: number | null;

  @Column({ type: 'boolean', default: true })
  watermark: boolean;

  /** No storage or render limit and no watermark, whatever the other fields say. */
  @Column({ type: 'boolean', default: false })
  unlimited: boolean;

  /** Inactive: kept by the users who have it, but not assignable or default. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 8, default: '1080p' })
  maxResolution: TierResolution;

  @Column({ type: 'int', default: 30 })
  maxFps: number;

  @Column({ type: 'int', nullable: true })
  maxClipsPerProject: number | null;

  @Column({ type: 'boolean', default: false })
  canSchedule: boolean;

  @Column({ type: 'int', default: 1 })
  maxSchedulesPerUser: number;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
