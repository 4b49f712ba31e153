import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Arrangement1795618356186 implements MigrationInterface {
  name = 'Arrangement1795618356186';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "intro_media_id" uuid`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "outro_media_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "projects" ADD "transition_media_ids" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD "randomize_transitions" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "clips" ADD "timeline_position" integer`);
    await queryRunner.query(
      `CREATE INDEX "idx_projects_intro_media" ON "projects"  ("intro_media_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_projects_outro_media" ON "projects"  ("outro_media_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_clips_project_timeline" ON "clips"  ("project_id", "timeline_position") `,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_1e7db568ba84136a3589e6b95ca" FOREIGN KEY ("intro_media_id") REFERENCES "media"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_dafc6ca99a16ca32f60d4058390" FOREIGN KEY ("outro_media_id") REFERENCES "media"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "projects" DROP CONSTRAINT "FK_dafc6ca99a16ca32f60d4058390"`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" DROP CONSTRAINT "FK_1e7db568ba84136a3589e6b95ca"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_clips_project_timeline"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_outro_media"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_intro_media"`);
    await queryRunner.query(`ALTER TABLE "clips" DROP COLUMN "timeline_position"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "randomize_transitions"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "transition_media_ids"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "outro_media_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "intro_media_id"`);
  }
}
