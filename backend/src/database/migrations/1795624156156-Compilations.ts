import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Compilations1795624156156 implements MigrationInterface {
  name = 'Compilations1795624156156';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "compilations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "job_id" uuid NOT NULL, "media_id" uuid, "settings" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ee8c2b17674f9f9ec72e6dfd90" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_compilations_job" ON "compilations"  ("job_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_compilations_media" ON "compilations"  ("media_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_compilations_project_created" ON "compilations"  ("project_id", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "workers" ADD "encoder" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "compilations" ADD CONSTRAINT "FK_72d99719aff1d67334ac7a1217f" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compilations" ADD CONSTRAINT "FK_a6c7429213c253b44fc5a9fab0f" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compilations" ADD CONSTRAINT "FK_c235442c496b1d0088a7004e2f0" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compilations" ADD CONSTRAINT "FK_65911f5760e27ba3e53c017eb83" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "compilations" DROP CONSTRAINT "FK_65911f5760e27ba3e53c017eb83"`,
    );
    await queryRunner.query(
      `ALTER TABLE "compilations" DROP CONSTRAINT "FK_c235442c496b1d0088a7004e2f0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "compilations" DROP CONSTRAINT "FK_a6c7429213c253b44fc5a9fab0f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "compilations" DROP CONSTRAINT "FK_72d99719aff1d67334ac7a1217f"`,
    );
    await queryRunner.query(`ALTER TABLE "workers" DROP COLUMN "encoder"`);
    await queryRunner.query(`DROP INDEX "public"."idx_compilations_project_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_compilations_media"`);
    await queryRunner.query(`DROP INDEX "public"."idx_compilations_job"`);
    await queryRunner.query(`DROP TABLE "compilations"`);
  }
}
