import pg from 'pg';
import {
  API_PATHS,
  BUILT_IN_THEMES,
  THEME_COLOUR_KEYS,
  type ThemeDto,
  type UserDto,
} from '@clippyfront/shared';
import { registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, startTestApp, type TestApp } from './support/test-app.js';

type Err = { statusCode: number; message: string | string[] };

describe('themes (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let userToken: string;

  const themes = async () => (await app.api<ThemeDto[]>(API_PATHS.admin.themes)).body;
  const createTheme = (body: unknown) => app.api<ThemeDto & Err>(API_PATHS.admin.themes, { body });
  const patchTheme = (id: string, body: unknown) =>
    app.api<ThemeDto & Err>(API_PATHS.admin.theme(id), { method: 'PATCH', body });
  const activate = (id: string) =>
    app.api<ThemeDto & Err>(API_PATHS.admin.themeActivate(id), { method: 'POST' });
  const css = (headers: Record<string, string> = {}, query = '') =>
    fetch(`${app.baseUrl}${API_PATHS.themeCss}${query}`, { headers });

  beforeAll(async () => {
    db = await createTestDatabase('themes');
    app = await startTestApp({ DATABASE_URL: db.url });
    [userToken] = await registerUsers(app, 'theme_user');
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  it('seeds ClippyFront Dark (active, the SPA look) and ClippyFront Light', async () => {
    const list = await themes();
    expect(list.map((t) => [t.name, t.base, t.active])).toEqual([
      ['ClippyFront Dark', 'dark', true],
      ['ClippyFront Light', 'light', false],
    ]);
    expect(list[0]).toMatchObject(BUILT_IN_THEMES.dark.colours);
    expect(list[1]).toMatchObject(BUILT_IN_THEMES.light.colours);
    expect(list[0]).toMatchObject({ background: '#0f1117', primary: '#7c5cff', clip: '#7c5cff' });
  });

  it('is for admins only: 403 to a user, 401 anonymous', async () => {
    const [dark] = await themes();
    const routes: [string, string][] = [
      ['GET', API_PATHS.admin.themes],
      ['GET', API_PATHS.admin.theme(dark!.id)],
      ['POST', API_PATHS.admin.themes],
      ['PATCH', API_PATHS.admin.theme(dark!.id)],
      ['DELETE', API_PATHS.admin.theme(dark!.id)],
      ['POST', API_PATHS.admin.themeActivate(dark!.id)],
      ['POST', API_PATHS.admin.themeDuplicate(dark!.id)],
    ];
    for (const [method, path] of routes) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const asUser = await api(app.baseUrl, path, { method, token: userToken, body });
      expect([method, path, asUser.status]).toEqual([method, path, 403]);
      const anonymous = await api(app.baseUrl, path, { method, body });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
  });

  it('creates, reads, updates and duplicates a theme; colours default to the base', async () => {
    const created = await createTheme({ name: ' Sunset ', base: 'light', primary: '#FF5500' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...BUILT_IN_THEMES.light.colours,
      name: 'Sunset',
      base: 'light',
      primary: '#ff5500',
      active: false,
    });
    const id = created.body.id;
    expect((await app.api<ThemeDto>(API_PATHS.admin.theme(id))).body.name).toBe('Sunset');

    const patched = await patchTheme(id, { name: 'Sunset 2', clip: '#123abc', base: 'dark' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Sunset 2', clip: '#123abc', base: 'dark' });
    expect(patched.body.primary).toBe('#ff5500');

    const copy = await app.api<ThemeDto>(API_PATHS.admin.themeDuplicate(id), { method: 'POST' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Sunset 2 (copy)', clip: '#123abc', active: false });
    const copy2 = await app.api<ThemeDto>(API_PATHS.admin.themeDuplicate(id), { method: 'POST' });
    expect(copy2.body.name).toBe('Sunset 2 (copy 2)');

    expect((await createTheme({ name: 'sunset 2' })).status).toBe(409);
    expect((await patchTheme(copy.body.id, { name: 'SUNSET 2' })).status).toBe(409);
    expect((await app.api(API_PATHS.admin.theme(copy2.body.id), { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await app.api(API_PATHS.admin.theme(copy2.body.id))).status).toBe(404);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const [dark] = await themes();
    for (const key of THEME_COLOUR_KEYS) {
      for (const value of ['red', '#fff', '#12345g', '#1234567', '', null]) {
        const response = await createTheme({ name: `Bad ${key}`, [key]: value });
        expect([key, value, response.status]).toEqual([key, value, 400]);
        expect(String(response.body.message)).toContain(key);
      }
    }
    const patched = await patchTheme(dark!.id, { surface: 'rgb(0,0,0)' });
    expect(patched.status).toBe(400);
    expect(patched.body.message).toEqual(['surface must be a colour like #1a2b3c']);
    expect((await createTheme({ name: '  ' })).body.message).toEqual(['name must not be empty']);
    expect((await createTheme({ primary: '#000000' })).status).toBe(400);
    expect((await createTheme({ name: 'X', base: 'sepia' })).body.message).toEqual([
      'base must be one of dark, light',
    ]);
    expect((await createTheme({ name: 'X', font: 'Comic Sans' })).status).toBe(400);
    expect((await createTheme({ name: 'x'.repeat(65) })).status).toBe(400);
    expect((await app.api(API_PATHS.admin.theme('not-a-uuid'))).status).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await app.api(API_PATHS.admin.theme(missing))).status).toBe(404);
    expect((await activate(missing)).status).toBe(404);
    expect((await app.api(API_PATHS.admin.theme(missing), { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to delete the active theme (409)', async () => {
    const active = (await themes()).find((t) => t.active)!;
    const refused = await app.api<Err>(API_PATHS.admin.theme(active.id), { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      `Theme "${active.name}" is the active theme; activate another theme first`,
    );
    expect((await themes()).some((t) => t.id === active.id)).toBe(true);
  });

  it('leaves exactly one theme active after 10 concurrent activations', async () => {
    const made: ThemeDto[] = [];
    for (let i = 0; i < 10; i++) {
      made.push((await createTheme({ name: `Race ${i}`, primary: `#0000${10 + i}` })).body);
    }
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(made.map((theme) => activate(theme.id)));
      expect(results.map((r) => r.status)).toEqual(made.map(() => 200));
      const { rows } = await sql.query<{ id: string }>('SELECT id FROM themes WHERE active');
      expect(rows).toHaveLength(1);
      expect(made.map((t) => t.id)).toContain(rows[0]!.id);
    }
    const dark = (await themes()).find((t) => t.name === 'ClippyFront Dark')!;
    expect((await activate(dark.id)).body.active).toBe(true);
  });

  it('serves /theme.css publicly with a strong ETag, 304 on a match, new content on activation', async () => {
    const first = await css();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('content-security-policy')).toContain("style-src 'self'");
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const body = await first.text();
    expect(body).toContain(':root:root {');
    expect(body).toContain('color-scheme: dark;');
    expect(body).toContain('--cf-bg: #0f1117;');
    expect(body).toContain('--cf-primary: #7c5cff;');
    expect(body).toContain('--cf-type-transition: #fbbf24;');

    const again = await css({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await css({ 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await css({ 'if-none-match': '"other"' })).status).toBe(200);

    const neon = await createTheme({ name: 'Neon', base: 'light', clip: '#00ff88' });
    await activate(neon.body.id);
    const changed = await css({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const text = await changed.text();
    expect(text).toContain('color-scheme: light;');
    expect(text).toContain('--cf-type-clip: #00ff88;');

    // An edit of the active theme shows at once too.
    await patchTheme(neon.body.id, { clip: '#112233' });
    expect(await (await css()).text()).toContain('--cf-type-clip: #112233;');

    // The built-in palettes whatever is active (a user's Light/Dark choice).
    const light = await (await css({}, '?base=light')).text();
    expect(light).toContain(`--cf-bg: ${BUILT_IN_THEMES.light.colours.background};`);
    expect((await css({}, '?base=sepia')).status).toBe(400);
    // Not swallowed by the SPA or the /api prefix.
    expect((await fetch(`${app.baseUrl}/api/theme.css`)).status).toBe(404);

    const dark = (await themes()).find((t) => t.name === 'ClippyFront Dark')!;
    await activate(dark.id);
    const back = await css({ 'if-none-match': etag });
    expect(back.status).toBe(304);
  });

  it('keeps a user’s theme preference (site, light or dark)', async () => {
    const me = () => api<UserDto & Err>(app.baseUrl, API_PATHS.auth.me, { token: userToken });
    expect((await me()).body.themePreference).toBe('site');
    const set = (themePreference: unknown) =>
      api<UserDto & Err>(app.baseUrl, API_PATHS.auth.me, {
        token: userToken,
        method: 'PATCH',
        body: { themePreference },
      });
    expect((await set('light')).body.themePreference).toBe('light');
    expect((await me()).body.themePreference).toBe('light');
    const refused = await set('blue');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual(['themePreference must be one of site, light, dark']);
    expect((await set(null)).status).toBe(400);
    expect((await set('site')).body.themePreference).toBe('site');
  });
});
