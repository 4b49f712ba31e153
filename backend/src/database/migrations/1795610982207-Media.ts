import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Media1795610982207 implements MigrationInterface {
  name = 'Media1795610982207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "media" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(16) NOT NULL, "mime_type" character varying(100) NOT NULL, "size_bytes" bigint NOT NULL, "path" character varying(1024) NOT NULL, "tags" jsonb NOT NULL DEFAULT '[]', "duration_seconds" double precision, "width" integer, "height" integer, "fps" double precision, "video_codec" character varying(32), "audio_codec" character varying(32), "has_audio" boolean NOT NULL DEFAULT false, "thumbnail_path" character varying(1024), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4e0fcac36e050de337b670d8bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_media_owner_type" ON "media"  ("owner_id", "type") `,
    );
    await queryRunner.query(
      `ALTER TABLE "media" ADD CONSTRAINT "FK_c6889397830b5ed0f2a30362065" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media" DROP CONSTRAINT "FK_c6889397830b5ed0f2a30362065"`);
    await queryRunner.query(`DROP INDEX "public"."idx_media_owner_type"`);
    await queryRunner.query(`DROP TABLE "media"`);
  }
}
