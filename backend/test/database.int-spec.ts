import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('database schema (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('schema');
    dataSource = new DataSource(buildDataSourceOptions(db.url, 2));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('migrations create exactly what the entities describe', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('never synchronizes at runtime', () => {
    expect(dataSource.options.synchronize).toBe(false);
  });

  it('the tiers migration clears tier ids set before tiers existed (they named nothing)', async () => {
    // Back to the schema before the tiers migration.
    while ((await dataSource.query(`SELECT to_regclass('tiers') AS t`))[0].t !== null) {
      await dataSource.undoLastMigration();
    }
    await dataSource.query(
      `INSERT INTO users (username, email, password_hash, tier_id)
       VALUES ('old_user', 'old@example.com', 'x', gen_random_uuid())`,
    );
    await dataSource.runMigrations();
    const [user] = (await dataSource.query(
      `SELECT tier_id FROM users WHERE username = 'old_user'`,
    )) as { tier_id: string | null }[];
    expect(user!.tier_id).toBeNull();
    await dataSource.query(`DELETE FROM users WHERE username = 'old_user'`);
  });

  it('the imported-compilations migration gives earlier compilation imports their compilation', async () => {
    // Back to the schema before it (and before those after it): imports existed, compilations
    // needed a job.
    const applied = async () =>
      (
        await dataSource.query(`SELECT 1 FROM migrations WHERE name = $1`, [
          'ImportedCompilations1795710000000',
        ])
      ).length > 0;
    while (await applied()) await dataSource.undoLastMigration();
    expect(
      (await dataSource.query(`SELECT to_regclass('ingest_imports') AS t`))[0].t,
    ).not.toBeNull();
    const [user] = (await dataSource.query(
      `INSERT INTO users (username, email, password_hash)
       VALUES ('archivist', 'archivist@example.com', 'x') RETURNING id`,
    )) as { id: string }[];
    const [project] = (await dataSource.query(
      `INSERT INTO projects (owner_id, name, output) VALUES ($1, 'Imported renders', '{}')
       RETURNING id`,
      [user!.id],
    )) as { id: string }[];
    const media = async (type: string) =>
      (
        (await dataSource.query(
          `INSERT INTO media (owner_id, name, type, mime_type, size_bytes, path)
           VALUES ($1, 'v.mp4', $2, 'video/mp4', 10, 'x/v.mp4') RETURNING id`,
          [user!.id, type],
        )) as { id: string }[]
      )[0]!.id;
    const compilationMedia = await media('compilation');
    const clipMedia = await media('clip');
    const imported = async (path: string, mediaId: string, state = 'imported') =>
      dataSource.query(
        `INSERT INTO ingest_imports (path, sha256, state, media_id, owner_id, project_id,
           size_bytes, mtime_ms, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, 10, 1, now())`,
        [path, 'a'.repeat(64), state, mediaId, user!.id, project!.id],
      );
    await imported('render-01/art/v.mp4', compilationMedia);
    await imported('render-01/clip/v.mp4', clipMedia);
    await dataSource.runMigrations();
    const rows = (await dataSource.query(
      `SELECT project_id, media_id, source, job_id, settings, ingest_worker_id, ingest_path
       FROM compilations`,
    )) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        project_id: project!.id,
        media_id: compilationMedia,
        source: 'ingest',
        job_id: null,
        settings: null,
        ingest_worker_id: 'render-01',
        ingest_path: 'render-01/art/v.mp4',
      },
    ]);
    // A render needs its job, an import its origin.
    await expect(
      dataSource.query(
        `INSERT INTO compilations (project_id, owner_id, source) VALUES ($1, $2, 'render')`,
        [project!.id, user!.id],
      ),
    ).rejects.toThrow(/ck_compilations_source/);
    await dataSource.query(`DELETE FROM users WHERE id = $1`, [user!.id]);
  });

  it('migrations can be reverted to an empty schema and re-applied', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    const tables = (await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    )) as { table_name: string }[];
    expect(tables).toEqual([]);
    await dataSource.runMigrations();
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });
});
