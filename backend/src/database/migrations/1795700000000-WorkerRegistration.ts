import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Workers register once and call with their own token; admins can revoke one. */
export class WorkerRegistration1795700000000 implements MigrationInterface {
  name = 'WorkerRegistration1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workers" ADD "token_hash" character varying(64)`);
    await queryRunner.query(
      `ALTER TABLE "workers" ADD CONSTRAINT "UQ_395f72674149bfd81c37850ae33" UNIQUE ("token_hash")`,
    );
    await queryRunner.query(`ALTER TABLE "workers" ADD "revoked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "workers" ADD "boot_id" character varying(64)`);
    await queryRunner.query(
      `CREATE TABLE "worker_registration_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" character varying(64) NOT NULL,
        "created_by" uuid,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "worker_id" character varying(128),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_541356d2279d9efae35c9ba4ffc" UNIQUE ("token_hash"),
        CONSTRAINT "PK_127ee06c4ccd4407823ecffac42" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "worker_registration_tokens"`);
    await queryRunner.query(`ALTER TABLE "workers" DROP COLUMN "boot_id"`);
    await queryRunner.query(`ALTER TABLE "workers" DROP COLUMN "revoked_at"`);
    await queryRunner.query(
      `ALTER TABLE "workers" DROP CONSTRAINT "UQ_395f72674149bfd81c37850ae33"`,
    );
    await queryRunner.query(`ALTER TABLE "workers" DROP COLUMN "token_hash"`);
  }
}
