import type { MigrationInterface, QueryRunner } from 'typeorm';

const GB = 1024 ** 3;

/**
 * Tiers, seeded with Free (the default), Pro and Unlimited. Existing users stay without a tier:
 * any tier_id set before (the admin editor took any UUID) named no tier and is cleared. A tier
 * still in use cannot be deleted (ON DELETE RESTRICT).
 */
export class Tiers1795650000000 implements MigrationInterface {
  name = 'Tiers1795650000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tiers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(64) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "storage_limit_bytes" bigint, "monthly_render_seconds" integer, "watermark" boolean NOT NULL DEFAULT true, "unlimited" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "max_resolution" character varying(8) NOT NULL DEFAULT '1080p', "max_fps" integer NOT NULL DEFAULT 30, "max_clips_per_project" integer, "can_schedule" boolean NOT NULL DEFAULT false, "max_schedules_per_user" integer NOT NULL DEFAULT 1, "is_default" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_tiers_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_tiers_name" ON "tiers" (lower("name"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_tiers_default" ON "tiers" ("is_default") WHERE "is_default"`,
    );
    await queryRunner.query(
      `INSERT INTO "tiers" ("name", "description", "storage_limit_bytes", "monthly_render_seconds", "watermark", "unlimited", "max_resolution", "max_fps", "max_clips_per_project", "can_schedule", "max_schedules_per_user", "is_default") VALUES
        ('Free', 'Getting started: 1 GB, 30 minutes of rendering a month, watermarked', ${GB}, 1800, true, false, '1080p', 30, 20, false, 1, true),
        ('Pro', '50 GB, 6 hours of rendering a month, 4K at 60 fps, scheduled tasks', ${50 * GB}, 21600, false, false, '2160p', 60, 100, true, 5, false),
        ('Unlimited', 'No limits and no watermark', NULL, NULL, false, true, '2160p', 60, NULL, true, 5, false)`,
    );
    await queryRunner.query(`UPDATE "users" SET "tier_id" = NULL WHERE "tier_id" IS NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_550421549bb35c296d8f49fa6b9" FOREIGN KEY ("tier_id") REFERENCES "tiers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_550421549bb35c296d8f49fa6b9"`);
    await queryRunner.query(`DROP INDEX "public"."uq_tiers_default"`);
    await queryRunner.query(`DROP INDEX "public"."uq_tiers_name"`);
    await queryRunner.query(`DROP TABLE "tiers"`);
  }
}
