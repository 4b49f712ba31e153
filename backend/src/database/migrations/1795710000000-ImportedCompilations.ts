import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compilations the ingest importer took in: no job, no render settings, but where they came
 * from (the import, its worker directory and path under INGEST_ROOT) and what their manifest
 * said (chapters, render figures). Earlier imports of compilation media get their row here.
 */
export class ImportedCompilations1795710000000 implements MigrationInterface {
  name = 'ImportedCompilations1795710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "compilations" ALTER COLUMN "job_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "compilations" ALTER COLUMN "settings" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "compilations" ADD "source" varchar(16) NOT NULL DEFAULT 'render'`,
    );
    await queryRunner.query(`ALTER TABLE "compilations" ADD "ingest_import_id" uuid`);
    await queryRunner.query(`ALTER TABLE "compilations" ADD "ingest_worker_id" varchar(255)`);
    await queryRunner.query(`ALTER TABLE "compilations" ADD "ingest_path" varchar(2048)`);
    await queryRunner.query(`ALTER TABLE "compilations" ADD "ingest_output" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "compilations" ADD CONSTRAINT "ck_compilations_source" CHECK (("source" = 'render' AND "job_id" IS NOT NULL) OR ("source" = 'ingest' AND "job_id" IS NULL AND "ingest_path" IS NOT NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_compilations_ingest_import" ON "compilations" ("ingest_import_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "compilations" ADD CONSTRAINT "fk_compilations_ingest_import" FOREIGN KEY ("ingest_import_id") REFERENCES "ingest_imports"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      INSERT INTO "compilations" ("project_id", "owner_id", "media_id", "source",
        "ingest_import_id", "ingest_worker_id", "ingest_path", "created_at")
      SELECT i."project_id", i."owner_id", i."media_id", 'ingest', i."id",
        split_part(i."path", '/', 1), i."path", COALESCE(i."imported_at", i."created_at")
      FROM "ingest_imports" i JOIN "media" m ON m."id" = i."media_id"
      WHERE i."state" = 'imported' AND i."project_id" IS NOT NULL AND m."type" = 'compilation'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "compilations" WHERE "source" = 'ingest'`);
    await queryRunner.query(
      `ALTER TABLE "compilations" DROP CONSTRAINT "fk_compilations_ingest_import"`,
    );
    await queryRunner.query(`DROP INDEX "idx_compilations_ingest_import"`);
    await queryRunner.query(`ALTER TABLE "compilations" DROP CONSTRAINT "ck_compilations_source"`);
    for (const column of ['ingest_output', 'ingest_path', 'ingest_worker_id', 'ingest_import_id']) {
      await queryRunner.query(`ALTER TABLE "compilations" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`ALTER TABLE "compilations" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "compilations" ALTER COLUMN "settings" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "compilations" ALTER COLUMN "job_id" SET NOT NULL`);
  }
}
