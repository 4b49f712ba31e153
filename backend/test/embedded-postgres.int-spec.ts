import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { API_PATHS, type HealthDto } from '@clippyfront/shared';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { buildDataSourceOptions } from '../src/database/data-source-options.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { tempInstanceDir } from './support/files.js';
import { api, startTestApp, TEST_ADMIN, waitFor } from './support/test-app.js';

const API_MAIN = join(PROJECT_ROOT, 'backend', 'dist', 'main.js');
const isRoot = process.getuid?.() === 0;
const PG_MODULE = join(PROJECT_ROOT, 'node_modules', 'pg');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The built API as `npm start` runs it, in its own process group (like a terminal's job). */
async function startApi(instanceDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      CLIPPY_INSTANCE_PATH: instanceDir,
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOG_LEVEL: 'info',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    `the API to answer (${output.slice(-500)})`,
    async () => {
      if (child.exitCode !== null) throw new Error(`exited: ${output}`);
      return (await api(baseUrl, API_PATHS.health)).status === 200 ? true : undefined;
    },
    90_000,
  );
  return { child, baseUrl, exited, output: () => output };
}

function serverPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function login(baseUrl: string) {
  return api(baseUrl, API_PATHS.auth.login, {
    body: { login: TEST_ADMIN.username, password: TEST_ADMIN.password },
  });
}

describe('embedded PostgreSQL server', () => {
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const child of started) if (child.pid && child.exitCode === null) child.kill('SIGKILL');
  });

  it('stops cleanly on Ctrl-C (SIGINT to the process group) and recovers after a SIGKILL', async () => {
    const instanceDir = tempInstanceDir('clippyfront-embedded-crash-');
    const dataDir = join(instanceDir, 'db');
    try {
      let app = await startApi(instanceDir);
      started.push(app.child);
      const first = serverPid(dataDir);
      process.kill(-app.child.pid!, 'SIGINT');
      expect(await app.exited).toBe(0);
      expect(alive(first)).toBe(false);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
      expect(app.output()).not.toMatch(/"level":"(error|fatal)"/);

      app = await startApi(instanceDir);
      started.push(app.child);
      const orphan = serverPid(dataDir);
      process.kill(app.child.pid!, 'SIGKILL');
      await app.exited;
      expect(alive(orphan)).toBe(true); // what a crash leaves behind

      app = await startApi(instanceDir);
      started.push(app.child);
      expect(alive(orphan)).toBe(false);
      expect(app.output()).toMatch(/left running by a crashed process/);
      expect((await login(app.baseUrl)).status).toBe(200);
      process.kill(-app.child.pid!, 'SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      rmSync(instanceDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('is reachable only through its private socket, by this OS user', async () => {
    const instanceDir = tempInstanceDir('clippyfront-embedded-access-');
    const dataDir = join(instanceDir, 'db');
    process.env.CLIPPY_TEST_SECRET = 'not-for-the-database-server';
    const server = await EmbeddedPostgres.start(dataDir).finally(
      () => delete process.env.CLIPPY_TEST_SECRET,
    );
    try {
      // The server may run as another account: it gets none of this process's secrets.
      const environ = readFileSync(`/proc/${serverPid(dataDir)}/environ`, 'utf8');
      expect(environ).not.toContain('CLIPPY_TEST_SECRET');

      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ listen_addresses: string }>('SHOW listen_addresses');
      await client.end();
      expect(rows[0]!.listen_addresses).toBe('');
      const socketDir = join(instanceDir, 'run', 'postgres');
      expect(server.url).toContain(encodeURIComponent(socketDir));
      expect(statSync(socketDir).mode & 0o777).toBe(0o700);

      if (isRoot) {
        // Another account of this machine, and the server's own account: both refused.
        for (const user of ['nobody', 'postgres']) {
          const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout);
          const attempt = spawnSync(
            process.execPath,
            [
              '-e',
              `const pg = require(${JSON.stringify(PG_MODULE)});
               const c = new pg.Client({ connectionString: ${JSON.stringify(server.url)} });
               c.connect().then(() => { console.log('CONNECTED'); process.exit(0); },
                 (e) => { console.log(e.message); process.exit(1); });`,
            ],
            { uid, encoding: 'utf8', cwd: '/' },
          );
          expect(attempt.stdout).not.toContain('CONNECTED');
          expect(attempt.status).toBe(1);
        }
      }
    } finally {
      await server.stop();
      rmSync(instanceDir, { recursive: true, force: true });
    }
  });

  it('carries an embedded database of the earlier version (PGlite) over at first start', async () => {
    const instanceDir = tempInstanceDir('clippyfront-embedded-pglite-');
    const dataDir = join(instanceDir, 'db');
    // What an earlier version left: PGlite files, migrated up to the one before the newest.
    const db = await PGlite.create(dataDir);
    const socket = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await socket.start();
    const old = new DataSource({
      ...buildDataSourceOptions(
        `postgresql://postgres@${socket.getServerConn()}/postgres?sslmode=disable`,
        1,
      ),
      migrations: MIGRATIONS.slice(0, -1),
    });
    await old.initialize();
    await old.runMigrations();
    const hash = await new PasswordHasher().hash(TEST_ADMIN.password);
    const [user] = await old.query(
      `INSERT INTO users (username, email, password_hash, role)
       VALUES ($1, 'admin@example.com', $2, 'admin') RETURNING id`,
      [TEST_ADMIN.username, hash],
    );
    await old.query(
      `INSERT INTO projects (owner_id, name, description, output)
       VALUES ($1, 'Kept project', 'café ✓', '{"resolution":"720p","format":"mp4","fps":30,"maxClipSeconds":30}')`,
      [user.id],
    );
    await old.destroy();
    await socket.stop();
    await db.close();

    const app = await startTestApp({}, instanceDir);
    try {
      const { body } = await app.api<{ items: { name: string; description: string }[] }>(
        API_PATHS.projects.list,
      );
      expect(body.items).toEqual([
        expect.objectContaining({ name: 'Kept project', description: 'café ✓' }),
      ]);
      expect(existsSync(join(instanceDir, 'db-pglite', 'PG_VERSION'))).toBe(true);
      const health = (await app.api<HealthDto>(API_PATHS.health)).body;
      expect(health.database).toEqual({ status: 'up', mode: 'embedded' });
    } finally {
      await app.close();
    }
  }, 120_000);
});
