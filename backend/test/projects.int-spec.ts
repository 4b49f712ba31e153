import {
  API_PATHS,
  DEFAULT_OUTPUT_SETTINGS,
  type ProjectDto,
  type ProjectListDto,
} from '@clippyfront/shared';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, createToken, startTestApp, type TestApp } from './support/test-app.js';

const PASSWORD = 'projects-password-1';
type ErrorBody = { statusCode: number; message: string | string[] };

describe('projects API (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let other: string;

  const as = (who: () => string) => ({
    create: (body: unknown) =>
      api<ProjectDto & ErrorBody>(app.baseUrl, API_PATHS.projects.list, { token: who(), body }),
    get: (id: string) =>
      api<ProjectDto>(app.baseUrl, API_PATHS.projects.item(id), { token: who() }),
    patch: (id: string, body: unknown) =>
      api<ProjectDto & ErrorBody>(app.baseUrl, API_PATHS.projects.item(id), {
        token: who(),
        method: 'PATCH',
        body,
      }),
    remove: (id: string) =>
      api(app.baseUrl, API_PATHS.projects.item(id), { token: who(), method: 'DELETE' }),
    list: (query = '') =>
      api<ProjectListDto>(app.baseUrl, `${API_PATHS.projects.list}${query}`, { token: who() }),
  });
  const mine = as(() => token);
  const theirs = as(() => other);

  beforeAll(async () => {
    db = await createTestDatabase('projects');
    app = await startTestApp({ DATABASE_URL: db.url });
    for (const name of ['projects_user', 'projects_other']) {
      await api(app.baseUrl, API_PATHS.auth.register, {
        body: { username: name, email: `${name}@example.com`, password: PASSWORD },
      });
    }
    token = await createToken(app.baseUrl, 'projects_user', PASSWORD);
    other = await createToken(app.baseUrl, 'projects_other', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('creates a project with the defaults: dated name, 1080p mp4 at 30 fps, 30 s clips', async () => {
    const before = new Date().toISOString().slice(0, 10);
    const { status, body } = await mine.create({});
    const after = new Date().toISOString().slice(0, 10);
    expect(status).toBe(201);
    expect([`Compilation of ${before}`, `Compilation of ${after}`]).toContain(body.name);
    expect(body).toMatchObject({
      id: expect.any(String),
      description: '',
      output: { resolution: '1080p', format: 'mp4', fps: 30, maxClipSeconds: 30 },
      clipCount: 0,
    });
    expect(body.output).toEqual(DEFAULT_OUTPUT_SETTINGS);
    expect((await mine.create({ name: '   ' })).body.name).toMatch(
      /^Compilation of \d{4}-\d\d-\d\d$/,
    );
    expect((await mine.get(body.id)).body).toEqual(body);
  });

  it('takes a name, a description and any part of the output settings', async () => {
    const { status, body } = await mine.create({
      name: '  Best of May  ',
      description: 'The funniest moments',
      output: { resolution: '720p', fps: 60 },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      name: 'Best of May',
      description: 'The funniest moments',
      output: { resolution: '720p', format: 'mp4', fps: 60, maxClipSeconds: 30 },
    });
  });

  it.each([
    [/name must be shorter than or equal to 120 characters/, { name: 'x'.repeat(121) }],
    [/name must be a string/, { name: null }],
    [/description/, { description: 'x'.repeat(2001) }],
    [/output.resolution must be one of/, { output: { resolution: '4k' } }],
    [/output.format must be one of/, { output: { format: 'avi' } }],
    [/output.fps must be one of/, { output: { fps: 29 } }],
    [/output.fps must be one of/, { output: { fps: '30' } }],
    [/output.maxClipSeconds must not be less than 1/, { output: { maxClipSeconds: 0 } }],
    [/output.maxClipSeconds must not be greater than 600/, { output: { maxClipSeconds: 601 } }],
    [/output.maxClipSeconds must be an integer/, { output: { maxClipSeconds: 1.5 } }],
    [/output.property bitrate should not exist/, { output: { bitrate: 5 } }],
    [/output must be an object/, { output: 'fast' }],
    [/output must be an object/, { output: null }],
    [/property owner should not exist/, { owner: 'someone' }],
  ])('refuses with 400: %s', async (message, body) => {
    const created = await mine.create(body);
    expect(created.status).toBe(400);
    expect(String(created.body.message)).toMatch(message);
  });

  it('updates only what is sent; a blank name becomes the default again', async () => {
    const { body: project } = await mine.create({ name: 'Draft', output: { format: 'webm' } });
    const renamed = await mine.patch(project.id, {
      name: 'Final',
      output: { maxClipSeconds: 45 },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Final',
      description: '',
      output: { resolution: '1080p', format: 'webm', fps: 30, maxClipSeconds: 45 },
    });
    expect(Date.parse(renamed.body.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(project.updatedAt),
    );
    const described = await mine.patch(project.id, { description: 'For Friday' });
    expect(described.body).toMatchObject({ name: 'Final', description: 'For Friday' });
    expect(described.body.output.maxClipSeconds).toBe(45);
    expect((await mine.patch(project.id, { name: '' })).body.name).toMatch(/^Compilation of /);
    expect((await mine.patch(project.id, { output: { fps: 61 } })).status).toBe(400);
    expect((await mine.patch(project.id, {})).status).toBe(200);
  });

  it('lists the caller’s projects newest first, with paging and name search', async () => {
    const names = ['Search Alpha', 'search beta', 'Other 100% thing'];
    for (const name of names) await theirs.create({ name });
    const all = await theirs.list();
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((p) => p.name)).toEqual([...names].reverse());
    const page = await theirs.list('?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, items: [{ name: 'search beta' }] });
    const found = await theirs.list('?q=SEARCH');
    expect(found.body.items.map((p) => p.name).sort()).toEqual(['Search Alpha', 'search beta']);
    expect((await theirs.list('?q=100%25')).body.items.map((p) => p.name)).toEqual([
      'Other 100% thing',
    ]);
    expect((await theirs.list('?q=%25')).body.total).toBe(1);
    expect((await theirs.list('?limit=0')).status).toBe(400);
    expect((await theirs.list('?limit=201')).status).toBe(400);
    expect((await mine.list()).body.items.some((p) => p.name === 'Search Alpha')).toBe(false);
  });

  it('hides other users’ projects (404) and needs authentication (401)', async () => {
    const { body: project } = await mine.create({ name: 'Private' });
    expect((await theirs.get(project.id)).status).toBe(404);
    const patched = await theirs.patch(project.id, { name: 'Mine now' });
    expect(patched.status).toBe(404);
    expect(patched.body.message).toBe('Project not found');
    expect((await theirs.remove(project.id)).status).toBe(404);
    expect((await mine.get(project.id)).body.name).toBe('Private');
    // Admins see every project, as with media.
    expect((await app.api<ProjectDto>(API_PATHS.projects.item(project.id))).status).toBe(200);

    expect((await api(app.baseUrl, API_PATHS.projects.list)).status).toBe(401);
    expect((await api(app.baseUrl, API_PATHS.projects.item(project.id))).status).toBe(401);
    expect((await mine.get('not-a-uuid')).status).toBe(400);
    expect((await mine.get('7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10')).status).toBe(404);
  });

  it('deletes a project (204), after which it is gone', async () => {
    const { body: project } = await mine.create({ name: 'Short-lived' });
    expect((await mine.remove(project.id)).status).toBe(204);
    expect((await mine.get(project.id)).status).toBe(404);
    expect((await mine.remove(project.id)).status).toBe(404);
  });
});
