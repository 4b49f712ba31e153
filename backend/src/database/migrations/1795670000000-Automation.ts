import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Automation: saved tasks, their schedules and runs (the tiers already carry can_schedule and max_schedules_per_user). */
export class Automation1795670000000 implements MigrationInterface {
  name = 'Automation1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "automation_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "source" jsonb NOT NULL, "intro_media_id" uuid, "outro_media_id" uuid, "transition_media_ids" jsonb NOT NULL DEFAULT '[]', "randomize_transitions" boolean NOT NULL DEFAULT false, "output" jsonb NOT NULL, "project_name_template" character varying(200) NOT NULL, "previous_project" character varying(16) NOT NULL DEFAULT 'keep', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_64c5ccd57ecde388e3b05743753" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_automation_tasks_owner_created" ON "automation_tasks"  ("owner_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "automation_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "trigger" character varying(16) NOT NULL, "schedule_id" uuid, "scheduled_for" TIMESTAMP WITH TIME ZONE, "late" boolean NOT NULL DEFAULT false, "state" character varying(16) NOT NULL DEFAULT 'queued', "stage" character varying(16) NOT NULL DEFAULT 'fetch', "progress" integer NOT NULL DEFAULT '0', "clips" jsonb, "project_id" uuid, "compilation_id" uuid, "skipped_clips" jsonb NOT NULL DEFAULT '[]', "error" text, "log" jsonb NOT NULL DEFAULT '[]', "lease_owner" character varying(64), "lease_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_273137fa78ff9340128ab98445f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_automation_runs_owner" ON "automation_runs"  ("owner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_automation_runs_active" ON "automation_runs"  ("state", "lease_until") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_automation_runs_task_created" ON "automation_runs"  ("task_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_automation_runs_active_task" ON "automation_runs" ("task_id") WHERE "state" IN ('queued', 'running')`,
    );
    await queryRunner.query(
      `CREATE TABLE "automation_schedules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "time" character varying(5) NOT NULL, "weekday" smallint, "day_of_month" smallint, "timezone" character varying(64) NOT NULL DEFAULT 'UTC', "run_at" TIMESTAMP WITH TIME ZONE, "enabled" boolean NOT NULL DEFAULT true, "next_run_at" TIMESTAMP WITH TIME ZONE, "last_run_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f391f519ff38f52d661f79b8323" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_automation_schedules_task" ON "automation_schedules"  ("task_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_automation_schedules_owner" ON "automation_schedules"  ("owner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_automation_schedules_due" ON "automation_schedules"  ("enabled", "next_run_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_tasks" ADD CONSTRAINT "FK_bc01edeb11268a489ac10b2ed5e" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_runs" ADD CONSTRAINT "FK_2a2ed6484fcb15b5055751c63e2" FOREIGN KEY ("task_id") REFERENCES "automation_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_runs" ADD CONSTRAINT "FK_642e63eff1160a009c5d1fb0383" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_schedules" ADD CONSTRAINT "FK_249fc9c3b18dce05e28014a5bf1" FOREIGN KEY ("task_id") REFERENCES "automation_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_schedules" ADD CONSTRAINT "FK_92e223779f6f97ee0a0cbd8cfc1" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "automation_schedules" DROP CONSTRAINT "FK_92e223779f6f97ee0a0cbd8cfc1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_schedules" DROP CONSTRAINT "FK_249fc9c3b18dce05e28014a5bf1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_runs" DROP CONSTRAINT "FK_642e63eff1160a009c5d1fb0383"`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_runs" DROP CONSTRAINT "FK_2a2ed6484fcb15b5055751c63e2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "automation_tasks" DROP CONSTRAINT "FK_bc01edeb11268a489ac10b2ed5e"`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_automation_schedules_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_automation_schedules_owner"`);
    await queryRunner.query(`DROP INDEX "public"."idx_automation_schedules_task"`);
    await queryRunner.query(`DROP TABLE "automation_schedules"`);
    await queryRunner.query(`DROP INDEX "public"."uq_automation_runs_active_task"`);
    await queryRunner.query(`DROP INDEX "public"."idx_automation_runs_task_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_automation_runs_active"`);
    await queryRunner.query(`DROP INDEX "public"."idx_automation_runs_owner"`);
    await queryRunner.query(`DROP TABLE "automation_runs"`);
    await queryRunner.query(`DROP INDEX "public"."idx_automation_tasks_owner_created"`);
    await queryRunner.query(`DROP TABLE "automation_tasks"`);
  }
}
