import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { runCommand, runScript } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_REDIS_URL } from './support/test-redis.js';

const CLI = join(PROJECT_ROOT, 'backend', 'dist', 'cli', 'health-check.js');
const SCRIPT = join(PROJECT_ROOT, 'scripts', 'health-check.sh');
/** Nothing listens on port 1 of the loopback: connections are refused at once. */
const CLOSED = '127.0.0.1:1';

interface Report {
  ok: boolean;
  exitCode: number;
  checks: { part: string; status: string; detail: string; target: string | null }[];
}

describe('scripts/health-check.sh (real PostgreSQL, Redis and API)', () => {
  let db: TestDatabase;
  let app: TestApp;
  const run = (...args: string[]) => runScript(CLI, args, {}, 60_000);
  const statusOf = (report: Report, part: string) =>
    report.checks.find((check) => check.part === part)?.status;

  beforeAll(async () => {
    db = await createTestDatabase('health_check');
    app = await startTestApp({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('passes with exit 0 when PostgreSQL, Redis and the API answer', async () => {
    const result = await run(
      '--db',
      db.url,
      '--redis',
      TEST_REDIS_URL,
      '--api',
      app.baseUrl,
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report).toMatchObject({ ok: true, exitCode: 0 });
    expect(report.checks.map((c) => [c.part, c.status])).toEqual([
      ['database', 'up'],
      ['redis', 'up'],
      ['api', 'up'],
    ]);
  });

  it('exits 2 for PostgreSQL, 4 for Redis, 8 for the API, with a one-line reason', async () => {
    const up = { db: db.url, redis: TEST_REDIS_URL, api: app.baseUrl };
    const cases = [
      { down: { db: `postgresql://postgres@${CLOSED}/test` }, code: 2, part: 'database' },
      { down: { redis: `redis://${CLOSED}` }, code: 4, part: 'redis' },
      { down: { api: `http://${CLOSED}` }, code: 8, part: 'api' },
    ];
    for (const { down, code, part } of cases) {
      const urls = { ...up, ...down };
      const result = await run('--db', urls.db, '--redis', urls.redis, '--api', urls.api, '--json');
      expect(result.status).toBe(code);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.exitCode).toBe(code);
      expect(statusOf(report, part)).toBe('down');
      expect(report.checks.filter((c) => c.status === 'up')).toHaveLength(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/down: .*(ECONNREFUSED|refused|bad port)/i);
    }
  });

  it('adds the codes up when several parts are down, and hides passwords', async () => {
    const result = await run(
      '--db',
      `postgresql://postgres:s3cret@${CLOSED}/test`,
      '--redis',
      `redis://${CLOSED}`,
      '--api',
      'none',
    );
    expect(result.status).toBe(6);
    expect(result.stdout).toMatch(/^PostgreSQL\s+down/m);
    expect(result.stdout).toMatch(/^API\s+skipped/m);
    expect(result.stdout + result.stderr).not.toContain('s3cret');
    expect(result.stdout).toContain('postgres:***@');
  });

  it('says why it skips what is not configured, and refuses bad usage with 64', async () => {
    const skipped = await run('--api', 'none', '--json');
    expect(skipped.status).toBe(0);
    expect((JSON.parse(skipped.stdout) as Report).checks.map((c) => c.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
    const bad = await run('--db', 'mysql://db/x');
    expect(bad.status).toBe(64);
    expect(bad.stderr.trim()).toBe(
      '--db must start with postgres:// or postgresql:// (see --help)',
    );
    const unknown = await run('--bogus');
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toMatch(/bogus/);
  });

  it('the shell wrapper documents the exit codes in --help', async () => {
    const result = await runCommand('bash', [SCRIPT, '--help'], {});
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: health-check/);
    expect(result.stdout).toMatch(/2 PostgreSQL down/);
    expect(result.stdout).toMatch(/4 Redis down/);
    expect(result.stdout).toMatch(/8 API down/);
  });
});
