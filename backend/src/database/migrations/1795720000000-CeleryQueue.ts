import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The general queue is `celery` now (as in the original's deployments), no longer `cpu`: saved
 * jobs and workers' queue lists follow, so queued jobs are still claimed after the upgrade.
 */
export class CeleryQueue1795720000000 implements MigrationInterface {
  name = 'CeleryQueue1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await renameQueue(queryRunner, 'cpu', 'celery');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await renameQueue(queryRunner, 'celery', 'cpu');
  }
}

async function renameQueue(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  await queryRunner.query(`UPDATE "jobs" SET "queue" = $2 WHERE "queue" = $1`, [from, to]);
  // Each worker's list in its order, the old name replaced, without a duplicate.
  await queryRunner.query(
    `UPDATE "workers" SET "queues" = (
       SELECT COALESCE(jsonb_agg(name ORDER BY first), '[]'::jsonb) FROM (
         SELECT CASE WHEN value = to_jsonb($1::text) THEN to_jsonb($2::text) ELSE value END AS name,
           min(position) AS first
         FROM jsonb_array_elements("workers"."queues") WITH ORDINALITY AS item(value, position)
         GROUP BY 1
       ) renamed
     )
     WHERE "queues" @> jsonb_build_array($1::text)`,
    [from, to],
  );
}
