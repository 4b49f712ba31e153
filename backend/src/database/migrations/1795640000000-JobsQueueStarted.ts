import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fair claims look up who started jobs lately on a queue. */
export class JobsQueueStarted1795640000000 implements MigrationInterface {
  name = 'JobsQueueStarted1795640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_jobs_queue_started" ON "jobs" ("queue", "started_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_jobs_queue_started"`);
  }
}
