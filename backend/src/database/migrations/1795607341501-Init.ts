import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795607341501 implements MigrationInterface {
  name = 'Init1795607341501';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(64) NOT NULL, "queue" character varying(16) NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'queued', "owner_id" uuid, "payload" jsonb NOT NULL DEFAULT '{}', "result" jsonb, "error" text, "log" jsonb NOT NULL DEFAULT '[]', "progress" smallint NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL DEFAULT '3', "worker_id" character varying(128), "claim_token_hash" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_jobs_owner" ON "jobs"  ("owner_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_jobs_state_updated" ON "jobs"  ("state", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "workers" ("id" character varying(128) NOT NULL, "name" character varying(128) NOT NULL, "queues" jsonb NOT NULL DEFAULT '[]', "concurrency" integer NOT NULL DEFAULT '1', "version" character varying(64) NOT NULL, "ffmpeg_version" character varying(128), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e950c9aba3bd84a4f193058d838" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "workers"`);
    await queryRunner.query(`DROP INDEX "public"."idx_jobs_state_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_jobs_owner"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
  }
}
