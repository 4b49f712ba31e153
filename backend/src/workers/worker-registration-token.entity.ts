import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An admin-made token good for one worker registration until it expires (stored hashed). */
@Entity('worker_registration_tokens')
export class WorkerRegistrationTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** The worker that registered with it. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  workerId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
