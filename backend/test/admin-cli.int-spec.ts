import { join } from 'node:path';
import { API_PATHS, type TierDto, type UserDto } from '@clippyfront/shared';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { runScript } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { BrowserSession, startTestApp, type TestApp } from './support/test-app.js';

const CLI = join(PROJECT_ROOT, 'backend', 'dist', 'cli', 'admin-cli.js');

describe('admin CLI (scripts/create-admin.sh, scripts/reset-admin-password.sh)', () => {
  let db: TestDatabase;
  let app: TestApp;
  const run = (...args: string[]) =>
    runScript(CLI, args, { DATABASE_URL: db.url, CLIPPY_INSTANCE_PATH: '/tmp/x' });

  beforeAll(async () => {
    db = await createTestDatabase('cli');
    app = await startTestApp({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('creates an admin who can log in and reach admin routes', async () => {
    const created = await run('create', '--username', 'ops', '--email', 'ops@example.com');
    expect(created.status).toBe(0);
    const password = /with password (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();
    const session = await BrowserSession.login(app.baseUrl, 'ops', password!);
    const me = await session.request<UserDto>(API_PATHS.auth.me);
    expect(me.body).toMatchObject({ username: 'ops', role: 'admin' });
    expect((await session.request(API_PATHS.admin.users)).status).toBe(200);
    // Like the admin made at first start, it is on the unlimited tier.
    const tiers = (await app.api<TierDto[]>(API_PATHS.admin.tiers)).body;
    expect(me.body.tierId).toBe(tiers.find((tier) => tier.unlimited)!.id);
  });

  it('refuses duplicates and bad input with a message and exit code 64', async () => {
    const duplicate = await run('create', '--username', 'OPS', '--email', 'other@example.com');
    expect(duplicate.status).toBe(64);
    expect(duplicate.stderr).toMatch(/Username already in use/);
    const weak = await run(
      'create',
      '--username',
      'x2',
      '--email',
      'x2@example.com',
      '--password',
      'short',
    );
    expect(weak.status).toBe(64);
    expect(weak.stderr).toMatch(/at least 10 characters/);
    expect((await run('frobnicate')).stderr).toMatch(/Usage:/);
    const unknown = await run('create', '--username', 'x3', '--colour', 'red');
    expect(unknown.status).toBe(64);
    expect(unknown.stderr.split('\n')[0]).toMatch(/Unknown option '--colour'/);
    expect(unknown.stderr).toMatch(/Usage:/);
    expect(unknown.stderr).not.toMatch(/TypeError|at /);
    for (const command of ['create', 'reset-password']) {
      const help = await run(command, '--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^Usage:/);
    }
  });

  it('resets a password, ends the sessions of that user and revokes their API tokens', async () => {
    const before = await BrowserSession.login(app.baseUrl, 'admin', 'test-admin-password-1');
    const reset = await run(
      'reset-password',
      '--username',
      'admin',
      '--password',
      'brand-new-pass-9',
    );
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/sessions were ended and API tokens revoked/);
    expect((await before.request(API_PATHS.auth.me)).status).toBe(401);
    expect((await app.api(API_PATHS.auth.me)).status).toBe(401); // the admin's token
    await expect(
      BrowserSession.login(app.baseUrl, 'admin', 'test-admin-password-1'),
    ).rejects.toThrow(/401/);
    await BrowserSession.login(app.baseUrl, 'admin', 'brand-new-pass-9');
    expect((await run('reset-password', '--username', 'ghost')).stderr).toMatch(/No user "ghost"/);
  });
});
