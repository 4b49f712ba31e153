import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Older rows keep NULL: their hash is taken the first time a compile needs it. */
export class MediaContentHash1795631000000 implements MigrationInterface {
  name = 'MediaContentHash1795631000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media" ADD "content_sha256" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media" DROP COLUMN "content_sha256"`);
  }
}
