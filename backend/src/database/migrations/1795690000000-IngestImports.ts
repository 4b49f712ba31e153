import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ingest importer's memory: each artifact file imported (path under INGEST_ROOT + sha256,
 * unique, so never twice), and the last scan's report for Admin → Ingest.
 */
export class IngestImports1795690000000 implements MigrationInterface {
  name = 'IngestImports1795690000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ingest_imports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "path" varchar(2048) NOT NULL,
        "sha256" varchar(64) NOT NULL,
        "state" varchar(16) NOT NULL,
        "media_id" uuid NOT NULL,
        "owner_id" uuid NOT NULL,
        "project_id" uuid,
        "size_bytes" bigint NOT NULL,
        "mtime_ms" double precision NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "imported_at" timestamptz,
        CONSTRAINT "pk_ingest_imports" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ingest_imports_path_sha256" UNIQUE ("path", "sha256"),
        CONSTRAINT "ck_ingest_imports_state" CHECK ("state" IN ('importing', 'imported')),
        CONSTRAINT "fk_ingest_imports_owner" FOREIGN KEY ("owner_id")
          REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_ingest_imports_project" FOREIGN KEY ("project_id")
          REFERENCES "projects"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_ingest_imports_imported_at" ON "ingest_imports" ("imported_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ingest_scans" (
        "id" smallint NOT NULL,
        "result" jsonb NOT NULL,
        "finished_at" timestamptz NOT NULL,
        CONSTRAINT "pk_ingest_scans" PRIMARY KEY ("id"),
        CONSTRAINT "ck_ingest_scans_single" CHECK ("id" = 1)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ingest_scans"`);
    await queryRunner.query(`DROP TABLE "ingest_imports"`);
  }
}
