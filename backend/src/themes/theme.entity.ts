import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ThemeBase } from '@clippyfront/shared';

const colour = () => Column({ type: 'char', length: 7 });

/** A palette for the SPA; `/theme.css` serves the active one. See the migration for the seeds. */
@Entity('themes')
/** Unique regardless of case (see the migration's lower() index). */
@Index('uq_themes_name', { synchronize: false })
/** At most one row is active (a partial unique index); the repository keeps exactly one. */
@Index('uq_themes_active', { synchronize: false })
export class ThemeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 8, default: 'dark' })
  base: ThemeBase;

  @colour() background: string;
  @colour() surface: string;
  @colour() text: string;
  @colour() muted: string;
  @colour() primary: string;
  @colour() accent: string;
  @colour() success: string;
  @colour() warning: string;
  @colour() danger: string;
  @colour() border: string;
  @colour() intro: string;
  @colour() clip: string;
  @colour() outro: string;
  @colour() transition: string;
  @colour() compilation: string;
  @colour() image: string;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
