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
