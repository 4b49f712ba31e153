import { API_PATHS, type UserDto } from '@clippyfront/shared';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, BrowserSession, startTestApp, type TestApp } from './support/test-app.js';

// The embedded database is a real PostgreSQL server too: its advisory locks must hold as well.
describe.each(['PostgreSQL', 'the embedded database'])('the last active admin (%s)', (kind) => {
  let db: TestDatabase | undefined;
  let app: TestApp;

  beforeAll(async () => {
    if (kind === 'PostgreSQL') db = await createTestDatabase('lastadmin');
    app = await startTestApp(db ? { DATABASE_URL: db.url } : {});
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('survives two admins demoting each other at the same moment', async () => {
    const me = (await app.api<UserDto>(API_PATHS.auth.me)).body;
    const second = await api<UserDto>(app.baseUrl, API_PATHS.auth.register, {
      body: {
        username: 'second_admin',
        email: 'second@example.com',
        password: 'second-admin-pw-1',
      },
    });
    await app.api(API_PATHS.admin.user(second.body.id), {
      method: 'PATCH',
      body: { role: 'admin' },
    });
    const other = await BrowserSession.login(app.baseUrl, 'second_admin', 'second-admin-pw-1');
    for (let round = 0; round < 5; round++) {
      // Each admin demotes the other at once: never both, whatever the interleaving.
      const [a, b] = await Promise.all([
        app.api(API_PATHS.admin.user(second.body.id), { method: 'PATCH', body: { role: 'user' } }),
        other.request(API_PATHS.admin.user(me.id), { method: 'PATCH', body: { role: 'user' } }),
      ]);
      const statuses = [a.status, b.status];
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.every((status) => [200, 403, 409].includes(status))).toBe(true);
      const { body } = await api<{ items: UserDto[] }>(app.baseUrl, API_PATHS.admin.users, {
        token: a.status === 200 ? app.adminToken : undefined,
        headers: a.status === 200 ? {} : { cookie: other.cookieHeader() },
      });
      const admins = body.items.filter((user) => user.role === 'admin' && user.isActive);
      expect(admins).toHaveLength(1);
      const demoted = a.status === 200 ? second.body.id : me.id;
      const restore =
        a.status === 200
          ? app.api(API_PATHS.admin.user(demoted), { method: 'PATCH', body: { role: 'admin' } })
          : other.request(API_PATHS.admin.user(demoted), {
              method: 'PATCH',
              body: { role: 'admin' },
            });
      expect((await restore).status).toBe(200);
    }
  });
});
