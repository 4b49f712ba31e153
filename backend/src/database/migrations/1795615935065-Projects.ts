import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1795615935065 implements MigrationInterface {
  name = 'Projects1795615935065';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "description" text NOT NULL DEFAULT '', "output" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_projects_owner_created" ON "projects"  ("owner_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "clips" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "source_url" character varying(2048) NOT NULL, "normalized_url" character varying(2048) NOT NULL, "source" character varying(16) NOT NULL, "media_id" uuid, "job_id" uuid, "reused" boolean NOT NULL DEFAULT false, "title" character varying(300), "creator_name" character varying(100), "creator_id" character varying(64), "broadcaster_name" character varying(100), "game_name" character varying(200), "duration_seconds" double precision, "view_count" integer, "clip_created_at" TIMESTAMP WITH TIME ZONE, "avatar_path" character varying(1024), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cdb959a37f95935a5d30460dc3c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_clips_media" ON "clips"  ("media_id") `);
    await queryRunner.query(`CREATE INDEX "idx_clips_job" ON "clips"  ("job_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_clips_project_url" ON "clips"  ("project_id", "normalized_url") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_clips_owner_url" ON "clips"  ("owner_id", "normalized_url") `,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_b1bd2fbf5d0ef67319c91acb5cf" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clips" ADD CONSTRAINT "FK_3d184efd68916a51f306c1aacb7" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clips" ADD CONSTRAINT "FK_f0f6b5fe41e285595c4eef9e00e" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clips" ADD CONSTRAINT "FK_5659de6302c4bd9d789460f7826" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clips" ADD CONSTRAINT "FK_7401b8fe91a49b518f222982bdb" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clips" DROP CONSTRAINT "FK_7401b8fe91a49b518f222982bdb"`);
    await queryRunner.query(`ALTER TABLE "clips" DROP CONSTRAINT "FK_5659de6302c4bd9d789460f7826"`);
    await queryRunner.query(`ALTER TABLE "clips" DROP CONSTRAINT "FK_f0f6b5fe41e285595c4eef9e00e"`);
    await queryRunner.query(`ALTER TABLE "clips" DROP CONSTRAINT "FK_3d184efd68916a51f306c1aacb7"`);
    await queryRunner.query(
      `ALTER TABLE "projects" DROP CONSTRAINT "FK_b1bd2fbf5d0ef67319c91acb5cf"`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_clips_owner_url"`);
    await queryRunner.query(`DROP INDEX "public"."uq_clips_project_url"`);
    await queryRunner.query(`DROP INDEX "public"."idx_clips_job"`);
    await queryRunner.query(`DROP INDEX "public"."idx_clips_media"`);
    await queryRunner.query(`DROP TABLE "clips"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_owner_created"`);
    await queryRunner.query(`DROP TABLE "projects"`);
  }
}
