import pg from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';
import { MIGRATIONS } from './migrations/index.js';

const BATCH_ROWS = 500;

export interface ImportSummary {
  tables: number;
  rows: number;
}

interface Source {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

/**
 * Carries an embedded database made by an earlier version (PGlite, in-process) into the
 * PostgreSQL server at `targetUrl`: the same migrations are applied first, then every table's
 * rows are copied as text (PostgreSQL's own input/output functions, so no value changes), and
 * the row counts are compared. The later migrations then run as on any upgrade.
 */
export async function importPglite(pgliteDir: string, targetUrl: string): Promise<ImportSummary> {
  const { PGlite } = await import('@electric-sql/pglite');
  const source: Source = await PGlite.create(pgliteDir);
  try {
    await migrateLike(source, targetUrl);
    return await copyRows(source, targetUrl);
  } finally {
    await source.close();
  }
}

async function migrateLike(source: Source, targetUrl: string): Promise<void> {
  const applied = (
    await source.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')
  ).rows.map((row) => row.name);
  const known = MIGRATIONS.slice(0, applied.length);
  if (known.some((migration, index) => migration.name !== applied[index])) {
    throw new Error(`its migrations (${applied.join(', ')}) are not this version's`);
  }
  const target = new DataSource({ ...buildDataSourceOptions(targetUrl, 1), migrations: known });
  await target.initialize();
  try {
    await target.runMigrations({ transaction: 'all' });
  } finally {
    await target.destroy();
  }
}

async function copyRows(source: Source, targetUrl: string): Promise<ImportSummary> {
  const tables = (
    await source.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
       ORDER BY table_name`,
    )
  ).rows.map((row) => row.name);
  const target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  let rows = 0;
  try {
    await target.query('BEGIN');
    // Rows arrive table by table, not in foreign-key order: checks are off inside this transaction.
    await target.query('SET LOCAL session_replication_role = replica');
    for (const table of tables) rows += await copyTable(source, target, table);
    await resetSequences(target);
    await target.query('COMMIT');
  } catch (error) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await target.end();
  }
  return { tables: tables.length, rows };
}

async function copyTable(source: Source, target: pg.Client, table: string): Promise<number> {
  const columns = (
    await source.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
       ORDER BY ordinal_position`,
      [table],
    )
  ).rows.map((row) => quote(row.name));
  // Rows a migration seeded (tiers, themes) are in the source too, as it has them now.
  await target.query(`DELETE FROM ${quote(table)}`);
  const { rows } = await source.query<{ values: (string | null)[] }>(
    `SELECT ARRAY[${columns.map((column) => `${column}::text`).join(', ')}] AS values
     FROM ${quote(table)}`,
  );
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const placeholders = batch.map(
      (_, row) =>
        `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`,
    );
    await target.query(
      `INSERT INTO ${quote(table)} (${columns.join(', ')}) VALUES ${placeholders.join(', ')}`,
      batch.flatMap((row) => row.values),
    );
  }
  const copied = await target.query<{ count: string }>(
    `SELECT count(*) AS count FROM ${quote(table)}`,
  );
  if (Number(copied.rows[0]!.count) !== rows.length) {
    throw new Error(`${table}: ${rows.length} rows read, ${copied.rows[0]!.count} written`);
  }
  return rows.length;
}

/** Serial and identity columns continue after the rows copied in. */
async function resetSequences(target: pg.Client): Promise<void> {
  const { rows } = await target.query<{ sequence: string; table: string; column: string }>(
    `SELECT s.oid::regclass::text AS sequence, t.relname AS table, a.attname AS column
     FROM pg_class s
     JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
     JOIN pg_class t ON t.oid = d.refobjid
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE s.relkind = 'S' AND n.nspname = 'public' AND t.relname <> 'migrations'`,
  );
  for (const { sequence, table, column } of rows) {
    await target.query(
      `SELECT setval($1::regclass, COALESCE(max(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`,
      [sequence],
    );
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
