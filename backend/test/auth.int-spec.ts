import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  API_PATHS,
  SESSION_COOKIE,
  XSRF_COOKIE,
  XSRF_HEADER,
  type AdminUserListDto,
  type ApiTokenDto,
  type CreatedApiTokenDto,
  type JobDto,
  type JobListDto,
  type TierDto,
  type UserDto,
} from '@clippyfront/shared';
import { CROSS_SITE_REFUSED } from '../src/auth/cross-site-login.guard.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import {
  api,
  BrowserSession,
  startTestApp,
  TEST_ADMIN,
  waitFor,
  type TestApp,
} from './support/test-app.js';

type ErrorBody = { statusCode: number; message: string | string[] };

const PASSWORD = 'long-enough-password-1';
const INVALID_LOGIN = 'Invalid username/email or password';
const NEED_LOGIN = 'Log in or send a Bearer token';
const BAD_TOKEN = 'Invalid or expired API token';
const XSRF_MESSAGE = 'Missing or invalid XSRF token (send X-XSRF-TOKEN)';
const LAST_ADMIN = 'This is the last active admin; make someone else admin first';
const USER_DTO_KEYS = [
  'createdAt',
  'discordUserId',
  'displayName',
  'email',
  'id',
  'isActive',
  'lastLoginAt',
  'role',
  'themePreference',
  'tierId',
  'twitchUsername',
  'username',
  'watermarkOverride',
];
/** Limits the main app never reaches, so only the dedicated apps test rate limiting. */
const NO_LOGIN_LIMITS = {
  RATELIMIT_LOGIN: '100000 per minute',
  RATELIMIT_LOGIN_ACCOUNT: '100000 per 15 minutes',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The Set-Cookie line for one cookie, and its attributes (lower-cased names). */
function setCookie(headers: Headers, name: string) {
  const line = headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...rest] = line.split(';').map((part) => part.trim());
  const attributes = new Map(
    rest.map((attribute) => {
      const [key, ...value] = attribute.split('=');
      return [key!.toLowerCase(), value.join('=')] as const;
    }),
  );
  return { value: pair!.slice(name.length + 1), attributes };
}

function retryAfterOf(headers: Headers): number {
  const value = headers.get('retry-after');
  expect(value).toMatch(/^\d+$/);
  return Number(value);
}

describe('accounts & security (real PostgreSQL)', () => {
  const apps: TestApp[] = [];
  const databases: TestDatabase[] = [];
  const redis = createRedisPrefix('auth');
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let counter = 0;

  const database = async (label: string) => {
    const created = await createTestDatabase(label);
    databases.push(created);
    return created;
  };
  const start = async (env: Record<string, string>) => {
    const started = await startTestApp(env);
    apps.push(started);
    return started;
  };
  /** A fresh unique username with the given stem. */
  const uniq = (stem: string) => `${stem}-${++counter}`;

  const register = async (target: TestApp, username: string, password = PASSWORD) => {
    const { status, body } = await api<UserDto>(target.baseUrl, API_PATHS.auth.register, {
      body: { username, email: `${username}@example.com`, password },
    });
    if (status !== 201) throw new Error(`register ${username}: ${status} ${JSON.stringify(body)}`);
    return body;
  };
  const login = (target: TestApp, name: string, password = PASSWORD) =>
    BrowserSession.login(target.baseUrl, name, password);
  const tryLogin = (target: TestApp, name: string, password = PASSWORD) =>
    api<UserDto & ErrorBody>(target.baseUrl, API_PATHS.auth.login, {
      body: { login: name, password },
    });
  /** A registered, logged-in user of the main app. */
  const newUser = async (stem: string) => {
    const user = await register(app, uniq(stem));
    const session = await login(app, user.username);
    return { user, session };
  };
  const createToken = async (
    session: BrowserSession,
    body: object = { name: 'script', currentPassword: PASSWORD },
  ) => {
    const { status, body: created } = await session.request<CreatedApiTokenDto>(
      API_PATHS.auth.tokens,
      { body },
    );
    expect(status).toBe(201);
    return created;
  };
  const me = (session: BrowserSession) => session.request<UserDto & ErrorBody>(API_PATHS.auth.me);
  const meWithToken = (token: string, target = app) =>
    api<UserDto & ErrorBody>(target.baseUrl, API_PATHS.auth.me, { token });
  const probe = (session: BrowserSession) =>
    session.request<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 1, width: 64, height: 48, fps: 5 },
    });
  const finished = (id: string) =>
    waitFor(`job ${id} to finish`, async () => {
      const { body } = await app.api<JobDto>(API_PATHS.job(id));
      return ['completed', 'failed', 'cancelled'].includes(body.state) ? body : undefined;
    });

  beforeAll(async () => {
    db = await database('auth');
    app = await start({ DATABASE_URL: db.url, SESSION_TTL_HOURS: '2', ...NO_LOGIN_LIMITS });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await Promise.allSettled(apps.map((started) => started.close()));
    await Promise.allSettled(databases.map((created) => created.drop()));
    await redis.deleteKeys();
  });

  describe('register', () => {
    it('creates a user (201) without revealing the password and without logging in', async () => {
      const username = uniq('Alice');
      const response = await api<UserDto>(app.baseUrl, API_PATHS.auth.register, {
        body: { username, email: `${username}@Example.com`, password: PASSWORD },
      });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(USER_DTO_KEYS);
      expect(response.body).toMatchObject({
        username,
        email: `${username}@Example.com`,
        role: 'user',
        isActive: true,
        displayName: null,
        twitchUsername: null,
        discordUserId: null,
        watermarkOverride: 'default',
        lastLoginAt: null,
      });
      // New users start on the default tier.
      const tiers = (await app.api<TierDto[]>(API_PATHS.admin.tiers)).body;
      expect(response.body.tierId).toBe(tiers.find((tier) => tier.isDefault)!.id);
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(response.body)).not.toContain(PASSWORD);
      expect(response.body).not.toHaveProperty('password');
      expect(response.body).not.toHaveProperty('passwordHash');
      // Not logged in: no session cookie, and the new user's data is not reachable anonymously.
      expect(setCookie(response.headers, SESSION_COOKIE)).toBeUndefined();
      const anonymous = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.me);
      expect(anonymous.status).toBe(401);
      // The password is stored hashed (argon2id), never as given.
      const { rows } = await sql.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [response.body.id],
      );
      expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses a username or email already taken, regardless of case (409)', async () => {
      const taken = await register(app, uniq('bob'));
      const sameName = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.register, {
        body: {
          username: taken.username.toUpperCase(),
          email: 'other-bob@example.com',
          password: PASSWORD,
        },
      });
      expect(sameName.status).toBe(409);
      expect(sameName.body).toEqual({
        statusCode: 409,
        message: 'That username is already taken',
      });
      const sameEmail = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.register, {
        body: { username: uniq('bob-two'), email: taken.email.toUpperCase(), password: PASSWORD },
      });
      expect(sameEmail.status).toBe(409);
      expect(sameEmail.body).toEqual({
        statusCode: 409,
        message: 'That email address is already registered',
      });
    });

    it.each([
      ['bad username characters', { username: 'bad name!' }, 'username must be 3-32 letters'],
      ['a 2-character username', { username: 'ab' }, 'username must be 3-32 letters'],
      ['a 33-character username', { username: 'u'.repeat(33) }, 'username must be 3-32 letters'],
      ['a bad email', { email: 'not-an-email' }, 'email must be an email address'],
      [
        'an oversized email',
        { email: `${'e'.repeat(250)}@example.com` },
        'email must be shorter than or equal to 254 characters',
      ],
      [
        'a 9-character password',
        { password: 'short-pw9' },
        'password must be at least 10 characters',
      ],
      [
        'a password of one repeated character',
        { password: 'aaaaaaaaaaaaaaaa' },
        'password must not be one repeated character',
      ],
      [
        'an oversized password',
        { password: 'p'.repeat(200) + 'q'.repeat(57) },
        'password must be shorter than or equal to 256 characters',
      ],
      ['an unknown extra field', { isAdmin: true }, 'property isAdmin should not exist'],
      ['a role (no self-promotion)', { role: 'admin' }, 'property role should not exist'],
    ])('refuses %s with 400 and a field message', async (_, change, message) => {
      const username = uniq('valid');
      const response = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.register, {
        body: { username, email: `${username}@example.com`, password: PASSWORD, ...change },
      });
      expect(response.status).toBe(400);
      expect(response.body.statusCode).toBe(400);
      expect(response.body.message).toEqual(
        expect.arrayContaining([expect.stringContaining(message)]),
      );
    });

    it('refuses a body with missing fields (400 naming each)', async () => {
      const response = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.register, { body: {} });
      expect(response.status).toBe(400);
      const messages = (response.body.message as string[]).join('\n');
      expect(messages).toMatch(/username/);
      expect(messages).toMatch(/email/);
      expect(messages).toMatch(/password/);
    });
  });

  describe('login, me, logout', () => {
    it('logs in with the username or the email (any case) and sets httpOnly SameSite=Lax cookies', async () => {
      const user = await register(app, uniq('Carol'));
      for (const name of [user.username, user.email.toUpperCase(), `  ${user.username}  `]) {
        const before = Date.now();
        const response = await tryLogin(app, name);
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(USER_DTO_KEYS);
        expect(response.body).toMatchObject({ id: user.id, username: user.username });
        expect(Date.parse(response.body.lastLoginAt!)).toBeGreaterThanOrEqual(before - 1000);

        const session = setCookie(response.headers, SESSION_COOKIE)!;
        expect(session.value).toMatch(/^[\w-]{40,}$/);
        expect(session.attributes.has('httponly')).toBe(true);
        expect(session.attributes.get('samesite')).toBe('Lax');
        expect(session.attributes.get('path')).toBe('/');
        expect(session.attributes.has('secure')).toBe(false); // plain http on loopback
        // SESSION_TTL_HOURS=2 in this app
        const expires = Date.parse(session.attributes.get('expires')!);
        expect(expires - before).toBeGreaterThan(2 * 3_600_000 - 60_000);
        expect(expires - before).toBeLessThan(2 * 3_600_000 + 60_000);
        // The database keeps only the sha256 of the cookie.
        const { rows } = await sql.query<{ user_id: string; expires_at: Date }>(
          'SELECT user_id, expires_at FROM sessions WHERE token_hash = $1',
          [sha256(session.value)],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]!.user_id).toBe(user.id);
        expect(Math.abs(rows[0]!.expires_at.getTime() - expires)).toBeLessThan(2000);

        const xsrf = setCookie(response.headers, XSRF_COOKIE)!;
        expect(xsrf.value).toBeTruthy();
        expect(xsrf.attributes.has('httponly')).toBe(false); // the SPA must read it
        expect(xsrf.attributes.get('samesite')).toBe('Lax');

        const whoami = await api<UserDto>(app.baseUrl, API_PATHS.auth.me, {
          headers: { cookie: `${SESSION_COOKIE}=${session.value}` },
        });
        expect(whoami.status).toBe(200);
        expect(whoami.body.id).toBe(user.id);
      }
    });

    it('refuses a login or registration that is not JSON (415) or comes from another site (403)', async () => {
      const user = await register(app, uniq('lois'));
      const post = (path: string, headers: Record<string, string>, raw: string) =>
        api<ErrorBody>(app.baseUrl, path, { raw, headers });
      const json = JSON.stringify({ login: user.username, password: PASSWORD });
      for (const [headers, raw] of [
        [
          { 'content-type': 'application/x-www-form-urlencoded' },
          `login=${user.username}&password=${PASSWORD}`,
        ],
        [{ 'content-type': 'text/plain' }, json],
      ] as const) {
        const response = await post(API_PATHS.auth.login, headers, raw);
        expect(response.status).toBe(415);
        expect(response.body.message).toMatch(/Send the body as JSON/);
        expect(response.headers.getSetCookie()).not.toEqual(
          expect.arrayContaining([expect.stringContaining(SESSION_COOKIE)]),
        );
      }
      for (const origin of ['http://evil.example', 'null', `${app.baseUrl}.evil.example`]) {
        const response = await post(
          API_PATHS.auth.login,
          { 'content-type': 'application/json', origin },
          json,
        );
        expect(response.status).toBe(403);
        expect(response.body.message).toBe(CROSS_SITE_REFUSED);
        const registration = await post(
          API_PATHS.auth.register,
          { 'content-type': 'application/json', origin },
          JSON.stringify({ username: uniq('eve'), email: 'eve@example.com', password: PASSWORD }),
        );
        expect(registration.status).toBe(403);
      }
      // The site itself, and scripts (no Origin), log in as before.
      const own = { 'content-type': 'application/json', origin: app.baseUrl };
      expect((await post(API_PATHS.auth.login, own, json)).status).toBe(200);
      expect((await tryLogin(app, user.username)).status).toBe(200);
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const user = await register(app, uniq('dave'));
      const wrong = await tryLogin(app, user.username, 'wrong-password-123');
      const unknown = await tryLogin(app, 'nobody-at-all', PASSWORD);
      const unknownEmail = await tryLogin(app, 'nobody@example.com', PASSWORD);
      for (const response of [wrong, unknown, unknownEmail]) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ statusCode: 401, message: INVALID_LOGIN });
        expect(setCookie(response.headers, SESSION_COOKIE)).toBeUndefined();
      }
      const invalid = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.login, {
        body: { login: user.username },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.message).toEqual(
        expect.arrayContaining([expect.stringMatching(/^password /)]),
      );
    });

    it('refuses a disabled user (401 "This account is disabled") and ends their session and tokens', async () => {
      const { user, session } = await newUser('erin');
      const token = await createToken(session);
      expect((await me(session)).status).toBe(200);

      const disabled = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { isActive: false },
      });
      expect(disabled.status).toBe(200);
      expect(disabled.body.isActive).toBe(false);

      const afterwards = await me(session);
      expect(afterwards.status).toBe(401);
      expect(afterwards.body.message).toBe(NEED_LOGIN);
      const byToken = await meWithToken(token.token);
      expect(byToken.status).toBe(401);
      expect(byToken.body.message).toBe(BAD_TOKEN);
      const again = await tryLogin(app, user.username);
      expect(again.status).toBe(401);
      expect(again.body).toEqual({ statusCode: 401, message: 'This account is disabled' });
      expect(setCookie(again.headers, SESSION_COOKIE)).toBeUndefined();
      // A wrong password still says nothing about the account's state.
      const wrong = await tryLogin(app, user.username, 'wrong-password-123');
      expect(wrong.body.message).toBe(INVALID_LOGIN);

      // Enabled again: password and token work again.
      await app.api(API_PATHS.admin.user(user.id), { method: 'PATCH', body: { isActive: true } });
      expect((await tryLogin(app, user.username)).status).toBe(200);
      expect((await meWithToken(token.token)).status).toBe(200);
    });

    it('shows the profile (me) and rejects anonymous callers', async () => {
      const { user, session } = await newUser('frank');
      const response = await me(session);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(USER_DTO_KEYS);
      expect(response.body).toMatchObject({ id: user.id, username: user.username, role: 'user' });
      expect(response.body.lastLoginAt).not.toBeNull();

      const anonymous = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.me);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ statusCode: 401, message: NEED_LOGIN });
      const forged = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.me, {
        headers: { cookie: `${SESSION_COOKIE}=made-up-session-value` },
      });
      expect(forged.status).toBe(401);
      expect(forged.body.message).toBe(NEED_LOGIN);
    });

    it('updates the profile (PATCH me) and clears optional fields with empty strings', async () => {
      const { user, session } = await newUser('grace');
      const newEmail = `${user.username}-new@example.com`;
      const updated = await session.request<UserDto>(API_PATHS.auth.me, {
        method: 'PATCH',
        body: {
          email: `  ${newEmail}  `,
          displayName: 'Grace H.',
          twitchUsername: 'grace_plays',
          discordUserId: '123456789012345678',
        },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        id: user.id,
        username: user.username,
        email: newEmail,
        displayName: 'Grace H.',
        twitchUsername: 'grace_plays',
        discordUserId: '123456789012345678',
        role: 'user',
      });
      expect((await me(session)).body.email).toBe(newEmail);
      // The new email logs in, the old one no longer does.
      expect((await tryLogin(app, newEmail)).status).toBe(200);
      expect((await tryLogin(app, user.email)).status).toBe(401);

      const cleared = await session.request<UserDto>(API_PATHS.auth.me, {
        method: 'PATCH',
        body: { displayName: '', twitchUsername: '', discordUserId: '' },
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({
        displayName: null,
        twitchUsername: null,
        discordUserId: null,
        email: newEmail,
      });

      // Nothing to change is fine, and the own email in another case is not "taken".
      const nothing = await session.request<UserDto>(API_PATHS.auth.me, {
        method: 'PATCH',
        body: {},
      });
      expect(nothing.status).toBe(200);
      const ownEmail = await session.request<UserDto>(API_PATHS.auth.me, {
        method: 'PATCH',
        body: { email: newEmail.toUpperCase() },
      });
      expect(ownEmail.status).toBe(200);
    });

    it.each([
      ['a bad email', { email: 'nope' }, 'email must be an email address'],
      ['a bad Twitch name', { twitchUsername: 'a b' }, 'twitchUsername must be a Twitch login'],
      ['a short Discord id', { discordUserId: '12345' }, 'discordUserId must be a Discord user id'],
      [
        'a too long display name',
        { displayName: 'd'.repeat(65) },
        'displayName must be shorter than or equal to 64 characters',
      ],
      ['a role (no self-promotion)', { role: 'admin' }, 'property role should not exist'],
      ['isActive', { isActive: true }, 'property isActive should not exist'],
      ['a username', { username: 'renamed' }, 'property username should not exist'],
    ])('refuses PATCH me with %s (400)', async (_, body, message) => {
      const { session, user } = await newUser('heidi');
      const response = await session.request<ErrorBody>(API_PATHS.auth.me, {
        method: 'PATCH',
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(
        expect.arrayContaining([expect.stringContaining(message)]),
      );
      expect((await me(session)).body).toMatchObject({ role: 'user', email: user.email });
    });

    it('refuses PATCH me with email null (400, not a database error)', async () => {
      const { session } = await newUser('ivan');
      const response = await session.request<ErrorBody>(API_PATHS.auth.me, {
        method: 'PATCH',
        body: { email: null },
      });
      expect(response.status).toBe(400);
    });

    it("refuses PATCH me with another user's email, in any case (409)", async () => {
      const other = await register(app, uniq('judy'));
      const { session } = await newUser('ken');
      const response = await session.request<ErrorBody>(API_PATHS.auth.me, {
        method: 'PATCH',
        body: { email: other.email.toUpperCase() },
      });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        statusCode: 409,
        message: 'That email address is already registered',
      });
    });

    it('logs out: the cookie is cleared and that session is 401 afterwards, others live on', async () => {
      const { user, session } = await newUser('leo');
      const other = await login(app, user.username);
      const cookie = session.cookies.get(SESSION_COOKIE)!;
      const response = await session.request(API_PATHS.auth.logout, { method: 'POST' });
      expect(response.status).toBe(204);
      const cleared = setCookie(response.headers, SESSION_COOKIE)!;
      expect(cleared.value).toBe('');
      expect(cleared.attributes.get('expires')).toMatch(/1970/);

      const replay = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.me, {
        headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
      });
      expect(replay.status).toBe(401);
      expect(replay.body.message).toBe(NEED_LOGIN);
      const { rows } = await sql.query('SELECT 1 FROM sessions WHERE token_hash = $1', [
        sha256(cookie),
      ]);
      expect(rows).toHaveLength(0);
      expect((await me(other)).status).toBe(200);

      const anonymous = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.logout, {
        method: 'POST',
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.message).toBe(NEED_LOGIN);
    });

    it('rejects an expired session (401) but not the same user’s other sessions', async () => {
      const { user, session } = await newUser('mallory');
      const other = await login(app, user.username);
      const cookie = session.cookies.get(SESSION_COOKIE)!;
      const updated = await sql.query(
        `UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
        [sha256(cookie)],
      );
      expect(updated.rowCount).toBe(1);
      const expired = await me(session);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual({ statusCode: 401, message: NEED_LOGIN });
      expect((await me(other)).status).toBe(200);
    });

    it('changes the password: wrong current 403, weak next 400, success 204 ends every session and token', async () => {
      const { user, session } = await newUser('nina');
      const second = await login(app, user.username);
      const { token } = await createToken(session);
      const next = 'a-brand-new-password-2';

      const wrong = await session.request<ErrorBody>(API_PATHS.auth.password, {
        body: { current: 'not-my-password', next },
      });
      expect(wrong.status).toBe(403);
      expect(wrong.body).toEqual({ statusCode: 403, message: 'The current password is wrong' });

      for (const [weak, message] of [
        ['short-pw9', 'next must be at least 10 characters'],
        ['zzzzzzzzzzzz', 'next must not be one repeated character'],
      ] as const) {
        const response = await session.request<ErrorBody>(API_PATHS.auth.password, {
          body: { current: PASSWORD, next: weak },
        });
        expect(response.status).toBe(400);
        expect(response.body.message).toEqual([message]);
      }
      const missing = await session.request<ErrorBody>(API_PATHS.auth.password, { body: {} });
      expect(missing.status).toBe(400);
      // The failures changed nothing.
      expect((await me(session)).status).toBe(200);
      expect((await me(second)).status).toBe(200);

      const changed = await session.request(API_PATHS.auth.password, {
        body: { current: PASSWORD, next },
      });
      expect(changed.status).toBe(204);
      expect(setCookie(changed.headers, SESSION_COOKIE)?.value).toBe('');
      const { rows } = await sql.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id]);
      expect(rows).toHaveLength(0);
      for (const ended of [session, second]) {
        const response = await me(ended);
        expect(response.status).toBe(401);
        expect(response.body.message).toBe(NEED_LOGIN);
      }
      // A token minted with the old password (perhaps from a stolen session) is revoked too.
      expect((await meWithToken(token)).status).toBe(401);
      const tokens = await sql.query('SELECT 1 FROM api_tokens WHERE user_id = $1', [user.id]);
      expect(tokens.rows).toHaveLength(0);
      const old = await tryLogin(app, user.username, PASSWORD);
      expect(old.status).toBe(401);
      expect(old.body.message).toBe(INVALID_LOGIN);
      expect((await tryLogin(app, user.username, next)).status).toBe(200);
    });
  });

  describe('XSRF (double-submit cookie)', () => {
    it('refuses unsafe cookie-authenticated requests without the right header (403)', async () => {
      const { user, session } = await newUser('oscar');
      const token = await createToken(session);
      const xsrf = session.cookies.get(XSRF_COOKIE)!;
      const unsafe = [
        { path: API_PATHS.auth.tokens, method: 'POST', body: { name: 'sneaky' } },
        { path: API_PATHS.auth.me, method: 'PATCH', body: { displayName: 'Hacked' } },
        { path: API_PATHS.auth.token(token.id), method: 'DELETE' },
        { path: API_PATHS.auth.logout, method: 'POST' },
      ];
      for (const request of unsafe) {
        const without = await session.request<ErrorBody>(request.path, {
          ...request,
          xsrf: false,
        });
        expect(without.status).toBe(403);
        expect(without.body).toEqual({ statusCode: 403, message: XSRF_MESSAGE });
        expect(without.body.message).toMatch(/XSRF/);

        const wrong = await session.request<ErrorBody>(request.path, {
          ...request,
          xsrf: false,
          headers: { [XSRF_HEADER]: `${xsrf}x` },
        });
        expect(wrong.status).toBe(403);
        expect(wrong.body.message).toBe(XSRF_MESSAGE);
      }
      // A header without the cookie it should match is refused too.
      const noCookie = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.me, {
        method: 'PATCH',
        body: { displayName: 'Hacked' },
        headers: {
          cookie: `${SESSION_COOKIE}=${session.cookies.get(SESSION_COOKIE)}`,
          [XSRF_HEADER]: xsrf,
        },
      });
      expect(noCookie.status).toBe(403);
      expect(noCookie.body.message).toBe(XSRF_MESSAGE);

      // None of it happened.
      const state = await me(session);
      expect(state.status).toBe(200);
      expect(state.body.displayName).toBeNull();
      const tokens = await session.request<ApiTokenDto[]>(API_PATHS.auth.tokens);
      expect(tokens.body.map((t) => t.id)).toEqual([token.id]);
      expect((await meWithToken(token.token)).body.id).toBe(user.id);

      // With the header (as the SPA sends it) the same requests work.
      const patched = await session.request<UserDto>(API_PATHS.auth.me, {
        method: 'PATCH',
        body: { displayName: 'Oscar' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.displayName).toBe('Oscar');
      const created = await session.request(API_PATHS.auth.tokens, {
        body: { name: 'ok', currentPassword: PASSWORD },
      });
      expect(created.status).toBe(201);
      const deleted = await session.request(API_PATHS.auth.token(token.id), { method: 'DELETE' });
      expect(deleted.status).toBe(204);
    });

    it('needs no XSRF header for GET, nor for Bearer-authenticated unsafe requests', async () => {
      const { session } = await newUser('peggy');
      const get = await session.request<UserDto>(API_PATHS.auth.me, { xsrf: false });
      expect(get.status).toBe(200);
      const { token } = await createToken(session);
      const patched = await api<UserDto>(app.baseUrl, API_PATHS.auth.me, {
        method: 'PATCH',
        body: { displayName: 'Via token' },
        token,
      });
      expect(patched.status).toBe(200);
      expect(patched.body.displayName).toBe('Via token');
      const created = await api<CreatedApiTokenDto>(app.baseUrl, API_PATHS.auth.tokens, {
        body: { name: 'from a script' },
        token,
      });
      expect(created.status).toBe(201);
      const job = await api<JobDto>(app.baseUrl, API_PATHS.probe, {
        body: { durationSeconds: 1, width: 64, height: 48, fps: 5 },
        token,
      });
      expect(job.status).toBe(201);
      await finished(job.body.id);
    });

    it('sets an XSRF-TOKEN cookie on every response that lacks one, and keeps an existing one', async () => {
      for (const [path, status] of [
        [API_PATHS.health, 200],
        [API_PATHS.auth.me, 401],
        ['/api/no-such-route', 404],
      ] as const) {
        const response = await api(app.baseUrl, path);
        expect(response.status).toBe(status);
        const xsrf = setCookie(response.headers, XSRF_COOKIE);
        expect(xsrf?.value).toMatch(/^[\w-]{20,}$/);
        expect(xsrf!.attributes.has('httponly')).toBe(false);
        expect(xsrf!.attributes.get('path')).toBe('/');
        expect(xsrf!.attributes.get('samesite')).toBe('Lax');
      }
      const first = setCookie((await api(app.baseUrl, API_PATHS.health)).headers, XSRF_COOKIE);
      const second = setCookie((await api(app.baseUrl, API_PATHS.health)).headers, XSRF_COOKIE);
      expect(first!.value).not.toBe(second!.value); // random per client
      const kept = await api(app.baseUrl, API_PATHS.health, {
        headers: { cookie: `${XSRF_COOKIE}=already-have-one` },
      });
      expect(setCookie(kept.headers, XSRF_COOKIE)).toBeUndefined();
    });
  });

  describe('API tokens', () => {
    it('creates a token (201) shown once; the list shows only its prefix', async () => {
      const { user, session } = await newUser('quinn');
      const before = Date.now();
      const created = await session.request<CreatedApiTokenDto>(API_PATHS.auth.tokens, {
        body: { name: '  upload script  ', expiresInDays: 30, currentPassword: PASSWORD },
      });
      expect(created.status).toBe(201);
      const { token, ...shown } = created.body;
      expect(token).toMatch(/^cfp_[\w-]{40,}$/);
      expect(shown).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'upload script',
        prefix: token.slice(0, 12),
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: expect.any(String),
      });
      const days = (Date.parse(shown.expiresAt!) - before) / 86_400_000;
      expect(days).toBeGreaterThan(29.99);
      expect(days).toBeLessThan(30.01);
      const { rows } = await sql.query<{ token_hash: string }>(
        'SELECT token_hash FROM api_tokens WHERE id = $1',
        [shown.id],
      );
      expect(rows[0]!.token_hash).toBe(sha256(token));

      const list = await session.request<ApiTokenDto[]>(API_PATHS.auth.tokens);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([shown]);
      expect(JSON.stringify(list.body)).not.toContain(token);

      // Bearer works on /me and /jobs and is recorded as used.
      const byToken = await meWithToken(token);
      expect(byToken.status).toBe(200);
      expect(byToken.body.id).toBe(user.id);
      const jobs = await api<JobListDto>(app.baseUrl, API_PATHS.jobs, { token });
      expect(jobs.status).toBe(200);
      expect(jobs.body.items).toEqual(expect.any(Array));
      const used = await session.request<ApiTokenDto[]>(API_PATHS.auth.tokens);
      expect(used.body[0]!.lastUsedAt).not.toBeNull();
    });

    it('asks a browser session for the current password before minting a token (403)', async () => {
      const { user, session } = await newUser('trent');
      for (const [body, message] of [
        [{ name: 'no password' }, 'Confirm with your current password (currentPassword)'],
        [{ name: 'guessed', currentPassword: 'not-the-password' }, 'The current password is wrong'],
      ] as const) {
        const refused = await session.request<ErrorBody>(API_PATHS.auth.tokens, { body });
        expect(refused.status).toBe(403);
        expect(refused.body).toEqual({ statusCode: 403, message });
      }
      const { rows } = await sql.query('SELECT 1 FROM api_tokens WHERE user_id = $1', [user.id]);
      expect(rows).toHaveLength(0);
      // A script holding a token needs no password to make another one.
      const { token } = await createToken(session);
      const fromToken = await api<CreatedApiTokenDto>(app.baseUrl, API_PATHS.auth.tokens, {
        body: { name: 'from a script' },
        token,
      });
      expect(fromToken.status).toBe(201);
    });

    it('refuses invalid token requests (400)', async () => {
      const { session } = await newUser('rupert');
      for (const [body, message] of [
        [{}, 'name must be'],
        [{ name: '' }, 'name must be longer than or equal to 1 characters'],
        [{ name: 'n'.repeat(65) }, 'name must be shorter than or equal to 64 characters'],
        [{ name: 'x', expiresInDays: 0 }, 'expiresInDays must not be less than 1'],
        [{ name: 'x', expiresInDays: 3651 }, 'expiresInDays must not be greater than 3650'],
        [{ name: 'x', expiresInDays: 1.5 }, 'expiresInDays must be an integer number'],
        [{ name: 'x', userId: randomUUID() }, 'property userId should not exist'],
      ] as const) {
        const response = await session.request<ErrorBody>(API_PATHS.auth.tokens, { body });
        expect(response.status).toBe(400);
        expect(response.body.message).toEqual(
          expect.arrayContaining([expect.stringContaining(message)]),
        );
      }
      const badId = await session.request<ErrorBody>(API_PATHS.auth.token('not-a-uuid'), {
        method: 'DELETE',
      });
      expect(badId.status).toBe(400);
      expect(badId.body.message).toMatch(/uuid/);
    });

    it('rejects invalid, deleted, expired and disabled-user tokens (401)', async () => {
      const { user, session } = await newUser('sybil');
      const expectRejected = async (token: string) => {
        const response = await meWithToken(token);
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ statusCode: 401, message: BAD_TOKEN });
        const jobs = await api<ErrorBody>(app.baseUrl, API_PATHS.jobs, { token });
        expect(jobs.status).toBe(401);
      };
      await expectRejected('cfp_this-token-does-not-exist');
      await expectRejected('garbage');
      // A session cookie's value is not an API token.
      await expectRejected(session.cookies.get(SESSION_COOKIE)!);
      // An invalid Bearer is refused even when a valid session cookie is also sent.
      const mixed = await session.request<ErrorBody>(API_PATHS.auth.me, {
        headers: { authorization: 'Bearer cfp_nope' },
      });
      expect(mixed.status).toBe(401);
      expect(mixed.body.message).toBe(BAD_TOKEN);

      const deleted = await createToken(session);
      expect((await meWithToken(deleted.token)).status).toBe(200);
      const removal = await session.request(API_PATHS.auth.token(deleted.id), {
        method: 'DELETE',
      });
      expect(removal.status).toBe(204);
      await expectRejected(deleted.token);
      const twice = await session.request<ErrorBody>(API_PATHS.auth.token(deleted.id), {
        method: 'DELETE',
      });
      expect(twice.status).toBe(404);
      expect(twice.body).toEqual({ statusCode: 404, message: `Token ${deleted.id} not found` });

      const expiring = await createToken(session, {
        name: 'short-lived',
        expiresInDays: 1,
        currentPassword: PASSWORD,
      });
      expect((await meWithToken(expiring.token)).status).toBe(200);
      await sql.query(
        `UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [expiring.id],
      );
      await expectRejected(expiring.token);

      const ofDisabled = await createToken(session);
      await app.api(API_PATHS.admin.user(user.id), { method: 'PATCH', body: { isActive: false } });
      await expectRejected(ofDisabled.token);
      await app.api(API_PATHS.admin.user(user.id), { method: 'PATCH', body: { isActive: true } });
    });

    it("cannot delete another user's token (404) and it keeps working", async () => {
      const owner = await newUser('trent');
      const stranger = await newUser('uma');
      const token = await createToken(owner.session);
      const attempt = await stranger.session.request<ErrorBody>(API_PATHS.auth.token(token.id), {
        method: 'DELETE',
      });
      expect(attempt.status).toBe(404);
      expect(attempt.body).toEqual({ statusCode: 404, message: `Token ${token.id} not found` });
      const byBearer = await api<ErrorBody>(app.baseUrl, API_PATHS.auth.token(token.id), {
        method: 'DELETE',
        token: (await createToken(stranger.session)).token,
      });
      expect(byBearer.status).toBe(404);
      // Not even the admin deletes other people's tokens through this route.
      const byAdmin = await app.api<ErrorBody>(API_PATHS.auth.token(token.id), {
        method: 'DELETE',
      });
      expect(byAdmin.status).toBe(404);
      expect((await meWithToken(token.token)).body.id).toBe(owner.user.id);
      const strangerList = await stranger.session.request<ApiTokenDto[]>(API_PATHS.auth.tokens);
      expect(strangerList.body.map((t) => t.id)).not.toContain(token.id);
    });
  });

  describe('ownership of jobs', () => {
    it("hides a user's job from other users (404), shows it to the admin, and refuses anonymous callers", async () => {
      const a = await newUser('victor');
      const b = await newUser('wendy');
      const created = await probe(a.session);
      expect(created.status).toBe(201);
      const job = created.body;
      expect(job.ownerId).toBe(a.user.id);

      for (const [path, method] of [
        [API_PATHS.job(job.id), 'GET'],
        [API_PATHS.jobCancel(job.id), 'POST'],
        [API_PATHS.jobRetry(job.id), 'POST'],
      ] as const) {
        const response = await b.session.request<ErrorBody>(path, { method });
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ statusCode: 404, message: `Job ${job.id} not found` });
      }
      const aList = await a.session.request<JobListDto>(API_PATHS.jobs);
      expect(aList.status).toBe(200);
      expect(aList.body.items.map((j) => j.id)).toContain(job.id);
      expect((await a.session.request(API_PATHS.job(job.id))).status).toBe(200);

      const adminView = await app.api<JobDto>(API_PATHS.job(job.id));
      expect(adminView.status).toBe(200);
      expect(adminView.body.ownerId).toBe(a.user.id);
      const adminList = await app.api<JobListDto>(`${API_PATHS.jobs}?limit=200`);
      expect(adminList.body.items.map((j) => j.id)).toContain(job.id);

      for (const [path, method] of [
        [API_PATHS.jobs, 'GET'],
        [API_PATHS.job(job.id), 'GET'],
        [API_PATHS.jobCancel(job.id), 'POST'],
        [API_PATHS.probe, 'POST'],
      ] as const) {
        const response = await api<ErrorBody>(app.baseUrl, path, { method });
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ statusCode: 401, message: NEED_LOGIN });
      }
      // B's attempts changed nothing: the job runs to completion.
      expect((await finished(job.id)).state).toBe('completed');
    });

    it("lists only the user's own jobs in GET /api/jobs", async () => {
      const a = await newUser('walter');
      const b = await newUser('xena');
      const job = (await probe(a.session)).body;
      await finished(job.id);
      const bList = await b.session.request<JobListDto>(API_PATHS.jobs);
      expect(bList.status).toBe(200);
      expect(bList.body).toEqual({ items: [], total: 0 });
      const aList = await a.session.request<JobListDto>(API_PATHS.jobs);
      expect(aList.body.items.map((j) => j.id)).toEqual([job.id]);
      expect(aList.body.total).toBe(1);
    });
  });

  describe('admin users', () => {
    it('answers a user with 403 "Admins only" on every admin route, changing nothing', async () => {
      const { user, session } = await newUser('xavier');
      const victim = await register(app, uniq('yolanda'));
      const { token } = await createToken(session);
      const routes = [
        { path: API_PATHS.admin.users, method: 'GET' },
        { path: API_PATHS.admin.user(victim.id), method: 'GET' },
        { path: API_PATHS.admin.user(user.id), method: 'PATCH', body: { role: 'admin' } },
        { path: API_PATHS.admin.user(victim.id), method: 'DELETE' },
      ];
      for (const route of routes) {
        for (const response of [
          await session.request<ErrorBody>(route.path, route),
          await api<ErrorBody>(app.baseUrl, route.path, { ...route, token }),
        ]) {
          expect(response.status).toBe(403);
          expect(response.body).toEqual({ statusCode: 403, message: 'Admins only' });
        }
        const anonymous = await api<ErrorBody>(app.baseUrl, route.path, route);
        expect(anonymous.status).toBe(401);
      }
      expect((await me(session)).body.role).toBe('user');
      expect((await app.api(API_PATHS.admin.user(victim.id))).status).toBe(200);
    });

    it('lists users with search and pagination', async () => {
      const stem = `zsearch${Date.now().toString(36)}`;
      const names = ['c', 'a', 'b'].map((letter) => `${stem}-${letter}`);
      for (const name of names) await register(app, name);
      const list = (query: string) =>
        app.api<AdminUserListDto>(`${API_PATHS.admin.users}?${query}`);

      const all = await list(`search=${stem}`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(3);
      expect(all.body.items.map((u) => u.username)).toEqual([...names].sort());
      expect(Object.keys(all.body.items[0]!).sort()).toEqual(USER_DTO_KEYS);
      expect(JSON.stringify(all.body)).not.toMatch(/password/i);

      // Part of a username, any case; part of an email.
      const byName = await list(`search=${stem.toUpperCase()}-B`);
      expect(byName.body.items.map((u) => u.username)).toEqual([`${stem}-b`]);
      expect(byName.body.total).toBe(1);
      const byEmail = await list(`search=${encodeURIComponent(`${stem}-a@exam`)}`);
      expect(byEmail.body.items.map((u) => u.email)).toEqual([`${stem}-a@example.com`]);
      // LIKE wildcards are taken literally.
      const wildcard = await list(`search=${encodeURIComponent('%')}`);
      expect(wildcard.body).toEqual({ items: [], total: 0 });

      const page1 = await list(`search=${stem}&limit=2&offset=0`);
      expect(page1.body.items.map((u) => u.username)).toEqual([`${stem}-a`, `${stem}-b`]);
      expect(page1.body.total).toBe(3);
      const page2 = await list(`search=${stem}&limit=2&offset=2`);
      expect(page2.body.items.map((u) => u.username)).toEqual([`${stem}-c`]);
      expect(page2.body.total).toBe(3);
      const beyond = await list(`search=${stem}&limit=2&offset=10`);
      expect(beyond.body).toEqual({ items: [], total: 3 });

      const everyone = await list('limit=200');
      expect(everyone.body.total).toBeGreaterThanOrEqual(4);
      expect(everyone.body.items.map((u) => u.username)).toContain(TEST_ADMIN.username);

      for (const [query, message] of [
        ['limit=0', 'limit must not be less than 1'],
        ['limit=201', 'limit must not be greater than 200'],
        ['offset=-1', 'offset must not be less than 0'],
        ['limit=abc', 'limit must be an integer number'],
        ['role=admin', 'property role should not exist'],
      ]) {
        const response = await app.api<ErrorBody>(`${API_PATHS.admin.users}?${query}`);
        expect(response.status).toBe(400);
        expect(response.body.message).toEqual(expect.arrayContaining([message]));
      }
    });

    it('gets one user; 404 for an unknown id, 400 for a non-uuid', async () => {
      const user = await register(app, uniq('zack'));
      const one = await app.api<UserDto>(API_PATHS.admin.user(user.id));
      expect(one.status).toBe(200);
      expect(one.body).toEqual(user);
      const unknown = randomUUID();
      const missing = await app.api<ErrorBody>(API_PATHS.admin.user(unknown));
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ statusCode: 404, message: `User ${unknown} not found` });
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const bad = await app.api<ErrorBody>(API_PATHS.admin.user('not-a-uuid'), {
          method,
          ...(method === 'PATCH' && { body: { displayName: 'x' } }),
        });
        expect(bad.status).toBe(400);
        expect(bad.body.message).toMatch(/uuid is expected/);
      }
      for (const method of ['PATCH', 'DELETE']) {
        const absent = await app.api<ErrorBody>(API_PATHS.admin.user(unknown), {
          method,
          ...(method === 'PATCH' && { body: { displayName: 'x' } }),
        });
        expect(absent.status).toBe(404);
        expect(absent.body.message).toBe(`User ${unknown} not found`);
      }
    });

    it('updates role, isActive, watermarkOverride, tierId, displayName and email', async () => {
      const { user, session } = await newUser('amber');
      const other = await register(app, uniq('boris'));
      const tierId = (await app.api<TierDto[]>(API_PATHS.admin.tiers)).body.find(
        (tier) => tier.name === 'Pro',
      )!.id;
      const email = `${user.username}-renamed@example.com`;
      const updated = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { watermarkOverride: 'never', tierId, displayName: 'Amber A.', email },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        id: user.id,
        username: user.username,
        watermarkOverride: 'never',
        tierId,
        displayName: 'Amber A.',
        email,
        role: 'user',
        isActive: true,
      });
      // The user's session lives on and sees the change.
      expect((await me(session)).body).toMatchObject({ email, tierId, watermarkOverride: 'never' });

      const cleared = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { tierId: null, displayName: '', watermarkOverride: 'always' },
      });
      expect(cleared.body).toMatchObject({
        tierId: null,
        displayName: null,
        watermarkOverride: 'always',
      });

      // Promotion takes effect on the user's existing session.
      const promoted = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { role: 'admin' },
      });
      expect(promoted.body.role).toBe('admin');
      expect((await session.request(API_PATHS.admin.users)).status).toBe(200);
      const demoted = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { role: 'user' },
      });
      expect(demoted.body.role).toBe('user');
      expect((await session.request(API_PATHS.admin.users)).status).toBe(403);

      const disabled = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { isActive: false },
      });
      expect(disabled.body.isActive).toBe(false);
      const enabled = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { isActive: true },
      });
      expect(enabled.body.isActive).toBe(true);

      const taken = await app.api<ErrorBody>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { email: other.email.toUpperCase() },
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual({
        statusCode: 409,
        message: 'That email address is already registered',
      });

      for (const [body, message] of [
        [{ role: 'superuser' }, 'role must be one of the following values: user, admin'],
        [{ watermarkOverride: 'sometimes' }, 'watermarkOverride must be one of the following'],
        [{ tierId: 'tier-1' }, 'tierId must be a UUID'],
        [{ isActive: 'yes' }, 'isActive must be a boolean value'],
        [{ email: 'nope' }, 'email must be an email address'],
        [{ password: 'short' }, 'password must be at least 10 characters'],
        [{ username: 'renamed' }, 'property username should not exist'],
      ] as const) {
        const response = await app.api<ErrorBody>(API_PATHS.admin.user(user.id), {
          method: 'PATCH',
          body,
        });
        expect(response.status).toBe(400);
        expect(response.body.message).toEqual(
          expect.arrayContaining([expect.stringContaining(message)]),
        );
      }
      const final = await app.api<UserDto>(API_PATHS.admin.user(user.id));
      expect(final.body).toMatchObject({ role: 'user', isActive: true, email });
    });

    it('refuses null for required fields in an admin PATCH (400)', async () => {
      const user = await register(app, uniq('cyril'));
      const statuses: Record<string, number> = {};
      for (const field of ['email', 'role', 'isActive', 'watermarkOverride']) {
        const response = await app.api<ErrorBody>(API_PATHS.admin.user(user.id), {
          method: 'PATCH',
          body: { [field]: null },
        });
        statuses[field] = response.status;
      }
      expect(statuses).toEqual({ email: 400, role: 400, isActive: 400, watermarkOverride: 400 });
    });

    it("sets a new password, which ends the user's sessions and revokes their tokens", async () => {
      const { user, session } = await newUser('delia');
      const second = await login(app, user.username);
      const { token } = await createToken(session);
      const next = 'set-by-the-admin-3';
      const response = await app.api<UserDto>(API_PATHS.admin.user(user.id), {
        method: 'PATCH',
        body: { password: next },
      });
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toContain(next);
      expect((await me(session)).status).toBe(401);
      expect((await me(second)).status).toBe(401);
      expect((await meWithToken(token)).status).toBe(401);
      expect((await tryLogin(app, user.username, PASSWORD)).status).toBe(401);
      expect((await tryLogin(app, user.username, next)).status).toBe(200);
    });

    it('never leaves the system without an active admin (409)', async () => {
      const admin = (await app.api<UserDto>(API_PATHS.auth.me)).body;
      expect(admin.role).toBe('admin');
      const refuse = async (response: { status: number; body: ErrorBody }) => {
        expect(response.status).toBe(409);
        expect(response.body).toEqual({ statusCode: 409, message: LAST_ADMIN });
      };
      const patchAdmin = (body: object) =>
        app.api<ErrorBody>(API_PATHS.admin.user(admin.id), { method: 'PATCH', body });
      await refuse(await patchAdmin({ role: 'user' }));
      await refuse(await patchAdmin({ isActive: false }));
      await refuse(await app.api<ErrorBody>(API_PATHS.admin.user(admin.id), { method: 'DELETE' }));
      // Changing other fields of the last admin is fine.
      expect((await patchAdmin({ displayName: 'The Admin' })).status).toBe(200);

      // A second admin who is disabled does not count.
      const { user: deputy } = await newUser('ellis');
      await app.api(API_PATHS.admin.user(deputy.id), { method: 'PATCH', body: { role: 'admin' } });
      const disabled = await app.api<UserDto>(API_PATHS.admin.user(deputy.id), {
        method: 'PATCH',
        body: { isActive: false },
      });
      expect(disabled.status).toBe(200);
      await refuse(await patchAdmin({ role: 'user' }));
      await refuse(await app.api<ErrorBody>(API_PATHS.admin.user(admin.id), { method: 'DELETE' }));

      // With two active admins one may go; then the other is the last again.
      await app.api(API_PATHS.admin.user(deputy.id), { method: 'PATCH', body: { isActive: true } });
      const deputySession = await login(app, deputy.username);
      const byDeputy = await deputySession.request<UserDto>(API_PATHS.admin.user(admin.id), {
        method: 'PATCH',
        body: { displayName: 'Still admin' },
      });
      expect(byDeputy.status).toBe(200);
      const demoted = await app.api<UserDto>(API_PATHS.admin.user(deputy.id), {
        method: 'PATCH',
        body: { role: 'user' },
      });
      expect(demoted.status).toBe(200);
      expect(demoted.body.role).toBe('user');
      await refuse(await patchAdmin({ role: 'user' }));
      expect((await app.api<UserDto>(API_PATHS.auth.me)).body.role).toBe('admin');
    });

    it('deletes a user (204): sessions, tokens, jobs and files are gone', async () => {
      const { user, session } = await newUser('fiona');
      const bystander = await newUser('gus');
      const token = await createToken(session);
      const job = (await probe(session)).body;
      await finished(job.id);
      const folder = join(app.instanceDir, 'data', user.id);
      mkdirSync(join(folder, 'clips'), { recursive: true });
      writeFileSync(join(folder, 'clips', 'clip.mp4'), 'not really a video');
      const otherFolder = join(app.instanceDir, 'data', bystander.user.id);
      mkdirSync(otherFolder, { recursive: true });
      writeFileSync(join(otherFolder, 'keep.txt'), 'keep me');
      const bystanderJob = (await probe(bystander.session)).body;

      const deleted = await app.api(API_PATHS.admin.user(user.id), { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();

      const bySession = await me(session);
      expect(bySession.status).toBe(401);
      expect(bySession.body.message).toBe(NEED_LOGIN);
      const byToken = await meWithToken(token.token);
      expect(byToken.status).toBe(401);
      expect(byToken.body.message).toBe(BAD_TOKEN);
      expect((await tryLogin(app, user.username)).status).toBe(401);
      const jobGone = await app.api<ErrorBody>(API_PATHS.job(job.id));
      expect(jobGone.status).toBe(404);
      expect(jobGone.body.message).toBe(`Job ${job.id} not found`);
      const userGone = await app.api<ErrorBody>(API_PATHS.admin.user(user.id));
      expect(userGone.status).toBe(404);
      for (const table of ['sessions', 'api_tokens', 'jobs']) {
        const column = table === 'jobs' ? 'owner_id' : 'user_id';
        const { rows } = await sql.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [user.id]);
        expect(rows).toHaveLength(0);
      }
      expect(existsSync(folder)).toBe(false);

      // Nobody else is touched.
      expect(existsSync(join(otherFolder, 'keep.txt'))).toBe(true);
      expect((await me(bystander.session)).status).toBe(200);
      expect((await app.api(API_PATHS.job(bystanderJob.id))).status).toBe(200);
      await finished(bystanderJob.id);

      const again = await app.api<ErrorBody>(API_PATHS.admin.user(user.id), { method: 'DELETE' });
      expect(again.status).toBe(404);
      expect(again.body).toEqual({ statusCode: 404, message: `User ${user.id} not found` });
    });
  });

  describe('first start', () => {
    it('creates the admin from ADMIN_PASSWORD once; a second start creates no other', async () => {
      const fresh = await database('auth_first');
      const first = await start({ DATABASE_URL: fresh.url, ...NO_LOGIN_LIMITS });
      const users = await first.api<AdminUserListDto>(API_PATHS.admin.users);
      expect(users.status).toBe(200);
      expect(users.body.total).toBe(1);
      expect(users.body.items[0]).toMatchObject({
        username: TEST_ADMIN.username,
        email: 'admin@clippyfront.local',
        role: 'admin',
        isActive: true,
      });

      // The second start is given another ADMIN_PASSWORD: it must neither create an admin nor
      // reset the existing one (startTestApp logs in with the first password).
      const second = await start({
        DATABASE_URL: fresh.url,
        ADMIN_PASSWORD: 'another-admin-password-2',
        ...NO_LOGIN_LIMITS,
      });
      const again = await second.api<AdminUserListDto>(API_PATHS.admin.users);
      expect(again.body.total).toBe(1);
      expect(again.body.items[0]!.id).toBe(users.body.items[0]!.id);
      const other = await tryLogin(second, TEST_ADMIN.username, 'another-admin-password-2');
      expect(other.status).toBe(401);
      await Promise.all([first.close(), second.close()]);
    });
  });

  describe('rate limits', () => {
    it('RATELIMIT_LOGIN: the 4th login request from one IP gets 429 with Retry-After', async () => {
      const limited = await start({
        DATABASE_URL: (await database('auth_rl_ip')).url,
        RATELIMIT_LOGIN: '3 per minute',
      });
      // startTestApp logged in once (for its admin token): that was request 1 of 3.
      const second = await tryLogin(limited, TEST_ADMIN.username, TEST_ADMIN.password);
      expect(second.status).toBe(200);
      const third = await tryLogin(limited, TEST_ADMIN.username, 'a-wrong-password');
      expect(third.status).toBe(401);
      const fourth = await tryLogin(limited, TEST_ADMIN.username, TEST_ADMIN.password);
      expect(fourth.status).toBe(429);
      const seconds = retryAfterOf(fourth.headers);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(fourth.body).toEqual({
        statusCode: 429,
        message: `Too many requests; try again in ${seconds} s`,
      });
      expect(setCookie(fourth.headers, SESSION_COOKIE)).toBeUndefined();
      const unknown = await tryLogin(limited, 'someone-else', PASSWORD);
      expect(unknown.status).toBe(429);
      // Only the login route is limited this tightly.
      expect((await limited.api(API_PATHS.health)).status).toBe(200);
      expect((await register(limited, uniq('after-limit'))).role).toBe('user');
      await limited.close();
    });

    describe('RATELIMIT_LOGIN_ACCOUNT and its ceiling: nobody can lock out an account they do not own', () => {
      let limited: TestApp;
      /** Behind one trusted proxy, so each request can come from the address it names. */
      const tryLoginFrom = (ip: string, name: string, password = PASSWORD) =>
        api<UserDto & ErrorBody>(limited.baseUrl, API_PATHS.auth.login, {
          body: { login: name, password },
          headers: { 'x-forwarded-for': ip },
        });

      beforeAll(async () => {
        limited = await start({
          DATABASE_URL: (await database('auth_rl_account')).url,
          TRUST_PROXY: '1',
          RATELIMIT_LOGIN: '1000 per minute',
          RATELIMIT_LOGIN_ACCOUNT: '3 per 15 minutes',
          RATELIMIT_LOGIN_ACCOUNT_CEILING: '8 per hour',
          LOGIN_SLOWDOWN_SECONDS: '2',
        });
      });

      afterAll(() => limited?.close());

      it('3 failures from one IP refuse that IP (429); the owner elsewhere and other accounts log in', async () => {
        const victim = await register(limited, uniq('victim'));
        const bystander = await register(limited, uniq('bystander'));
        for (let i = 0; i < 3; i++) {
          const failure = await tryLoginFrom('203.0.113.9', victim.username, `wrong-${i}-pass`);
          expect(failure.status).toBe(401);
          expect(failure.body.message).toBe(INVALID_LOGIN);
        }
        for (const name of [victim.username, victim.username.toUpperCase()]) {
          const blocked = await tryLoginFrom('203.0.113.9', name, PASSWORD);
          expect(blocked.status).toBe(429);
          const seconds = retryAfterOf(blocked.headers);
          expect(seconds).toBeGreaterThanOrEqual(1);
          expect(seconds).toBeLessThanOrEqual(15 * 60);
          expect(blocked.body).toEqual({
            statusCode: 429,
            message: `Too many failed logins for this account; try again in ${seconds} s`,
          });
          expect(setCookie(blocked.headers, SESSION_COOKIE)).toBeUndefined();
        }
        // The real owner, from their own address, is not locked out by the attacker's failures.
        const owner = await tryLoginFrom('198.51.100.7', victim.username, PASSWORD);
        expect(owner.status).toBe(200);
        expect(owner.body.id).toBe(victim.id);
        const other = await tryLoginFrom('203.0.113.9', bystander.username, PASSWORD);
        expect(other.status).toBe(200);
      });

      it('counts a username and an email apart, so a 429 never tells whose email it is', async () => {
        const victim = await register(limited, uniq('split'));
        for (let i = 0; i < 3; i++)
          await tryLoginFrom('203.0.113.10', victim.username, `no-${i}-pw`);
        expect((await tryLoginFrom('203.0.113.10', victim.username, 'no-4-pw')).status).toBe(429);
        // Its email and an unknown email answer alike: 401, not 429.
        const email = await tryLoginFrom('203.0.113.10', victim.email, 'no-5-pw');
        const unknown = await tryLoginFrom('203.0.113.10', 'nobody@example.com', 'no-5-pw');
        expect([email.status, email.body.message]).toEqual([401, INVALID_LOGIN]);
        expect([unknown.status, unknown.body.message]).toEqual([401, INVALID_LOGIN]);
      });

      it('past the ceiling (failures from many IPs) each IP gets one try per LOGIN_SLOWDOWN_SECONDS, never a lock', async () => {
        const victim = await register(limited, uniq('ceiling'));
        for (let ip = 1; ip <= 4; ip++) {
          for (let i = 0; i < 2; i++) {
            const failure = await tryLoginFrom(`192.0.2.${ip}`, victim.username, `bad-${i}-pass`);
            expect(failure.status).toBe(401);
          }
        }
        // 8 failures from 4 IPs: the owner's first try from a new address still works…
        expect((await tryLoginFrom('198.51.100.8', victim.username, PASSWORD)).status).toBe(200);
        // …but the next one within 2 s waits, and is told for how long.
        const slowed = await tryLoginFrom('198.51.100.8', victim.username, PASSWORD);
        expect(slowed.status).toBe(429);
        const wait = retryAfterOf(slowed.headers);
        expect(wait).toBeLessThanOrEqual(2);
        expect(slowed.body.message).toBe(
          `Many failed logins for this account lately: one try every 2 s; try again in ${wait} s`,
        );
        // A guessing IP is slowed the same way; the owner, after the wait, gets in.
        expect((await tryLoginFrom('192.0.2.1', victim.username, 'bad-3-pass')).status).toBe(401);
        expect((await tryLoginFrom('192.0.2.1', victim.username, 'bad-4-pass')).status).toBe(429);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 200));
        expect((await tryLoginFrom('198.51.100.8', victim.username, PASSWORD)).status).toBe(200);
      });
    });

    it('RATELIMIT_DEFAULT: the 6th request to a route within the window gets 429', async () => {
      const limited = await start({
        DATABASE_URL: (await database('auth_rl_default')).url,
        RATELIMIT_DEFAULT: '5 per minute',
      });
      for (let i = 1; i <= 5; i++) {
        expect((await limited.api(API_PATHS.auth.me)).status).toBe(200);
      }
      const sixth = await limited.api<ErrorBody>(API_PATHS.auth.me);
      expect(sixth.status).toBe(429);
      const seconds = retryAfterOf(sixth.headers);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(sixth.body).toEqual({
        statusCode: 429,
        message: `Too many requests; try again in ${seconds} s`,
      });
      // Health is never rate-limited (monitors poll it), nor are worker routes.
      for (let i = 1; i <= 8; i++) {
        expect((await api(limited.baseUrl, API_PATHS.health)).status).toBe(200);
      }
      // Worker routes are never rate-limited (a busy farm polls a lot); here they answer 404
      // (no WORKER_API_KEY on this server: the worker API is off), never 429.
      for (let i = 1; i <= 8; i++) {
        const beat = await api(limited.baseUrl, API_PATHS.worker.heartbeat, { body: {} });
        expect(beat.status).toBe(404);
      }
      await limited.close();
    });

    it('RATELIMIT_STORAGE_URL: two API instances share the per-account counter in Redis', async () => {
      const shared = await database('auth_rl_redis');
      const env = {
        DATABASE_URL: shared.url,
        RATELIMIT_STORAGE_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: redis.prefix,
        RATELIMIT_LOGIN: '1000 per minute',
        RATELIMIT_LOGIN_ACCOUNT: '2 per 15 minutes',
      };
      const one = await start(env);
      const two = await start(env);
      const victim = await register(one, uniq('shared-victim'));
      const bystander = await register(two, uniq('shared-bystander'));
      for (let i = 0; i < 2; i++) {
        expect((await tryLogin(one, victim.username, `wrong-password-${i}`)).status).toBe(401);
      }
      const blocked = await tryLogin(two, victim.username, PASSWORD);
      expect(blocked.status).toBe(429);
      expect(retryAfterOf(blocked.headers)).toBeGreaterThan(0);
      expect(blocked.body.message).toMatch(/^Too many failed logins for this account/);
      expect((await tryLogin(one, victim.username, PASSWORD)).status).toBe(429);
      expect((await tryLogin(two, bystander.username, PASSWORD)).status).toBe(200);

      // The counter lives under the configured prefix, with the window as its expiry.
      const client = new Redis(TEST_REDIS_URL);
      try {
        const [key, ...others] = await client.keys(
          `${redis.prefix}:ratelimit:login-client0:*:${victim.username.toLowerCase()}`,
        );
        expect(others).toEqual([]);
        expect(await client.get(key!)).toBe('2');
        const ttl = await client.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(15 * 60_000);
      } finally {
        client.disconnect();
      }
      await Promise.all([one.close(), two.close()]);
    });
  });

  describe('security headers and CORS', () => {
    it('sends a strict Content-Security-Policy (no inline script or style)', async () => {
      for (const path of [API_PATHS.health, API_PATHS.auth.me, '/api/no-such-route']) {
        const { headers } = await api(app.baseUrl, path);
        const csp = headers.get('content-security-policy')!;
        expect(csp).toMatch(/(^|;)script-src 'self'(;|$)/);
        expect(csp).toMatch(/(^|;)style-src 'self'(;|$)/);
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(headers.get('x-content-type-options')).toBe('nosniff');
      }
    });

    it('allows credentialed CORS only from CORS_ORIGINS', async () => {
      const cors = await start({
        DATABASE_URL: (await database('auth_cors')).url,
        CORS_ORIGINS: 'https://allowed.example',
      });
      const preflight = (origin: string) =>
        fetch(`${cors.baseUrl}${API_PATHS.auth.me}`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'PATCH',
            'access-control-request-headers': `content-type,${XSRF_HEADER}`,
          },
        });
      const allowed = await preflight('https://allowed.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      expect(allowed.headers.get('access-control-allow-methods')).toContain('PATCH');

      const get = await api(cors.baseUrl, API_PATHS.health, {
        headers: { origin: 'https://allowed.example' },
      });
      expect(get.status).toBe(200);
      expect(get.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
      expect(get.headers.get('access-control-allow-credentials')).toBe('true');

      const evilPreflight = await preflight('https://evil.example');
      expect(evilPreflight.headers.get('access-control-allow-origin')).toBeNull();
      const evilGet = await api(cors.baseUrl, API_PATHS.health, {
        headers: { origin: 'https://evil.example' },
      });
      expect(evilGet.headers.get('access-control-allow-origin')).toBeNull();

      // Without CORS_ORIGINS no origin is allowed.
      const none = await api(app.baseUrl, API_PATHS.health, {
        headers: { origin: 'https://allowed.example' },
      });
      expect(none.headers.get('access-control-allow-origin')).toBeNull();
      await cors.close();
    });
  });
});
