import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 128 bits from PostgreSQL's CSPRNG (md5 of two random UUIDs' bytes, 244 random bits), base64url
 * without padding: the same shape as the API's own ids, for rows inserted without one.
 */
const PUBLIC_ID_DEFAULT = `translate(encode(decode(md5((uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()))), 'hex'), 'base64'), '+/=', '-_')`;

/**
 * Share pages: every project gets an opaque public id (existing ones too: the default is
 * evaluated per row) and a sharing switch, off. Compilations get their exported artifact's state.
 */
export class Sharing1795680000000 implements MigrationInterface {
  name = 'Sharing1795680000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "projects" ADD "public_id" character varying(32) NOT NULL DEFAULT ${PUBLIC_ID_DEFAULT}`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD "sharing_enabled" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_projects_public_id" ON "projects" ("public_id")`,
    );
    await queryRunner.query(`ALTER TABLE "compilations" ADD "artifact" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "compilations" DROP COLUMN "artifact"`);
    await queryRunner.query(`DROP INDEX "uq_projects_public_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "sharing_enabled"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "public_id"`);
  }
}
