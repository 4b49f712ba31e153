import pg from 'pg';
import { API_PATHS, type TierDto, type UsageDto, type UserDto } from '@clippyfront/shared';
import { registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { UsageService } from '../src/tiers/usage.service.js';
import { api, startTestApp, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';

const GB = 1024 ** 3;
type Err = { statusCode: number; message: string | string[] };

describe('tiers (real PostgreSQL)', () => {
  const clip = testMedia('clip.mp4');
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let userToken: string;
  let userId: string;

  const tiers = async () => (await app.api<TierDto[]>(API_PATHS.admin.tiers)).body;
  const tierNamed = async (name: string) => (await tiers()).find((t) => t.name === name)!;
  const createTier = (body: unknown) => app.api<TierDto & Err>(API_PATHS.admin.tiers, { body });
  const patchTier = (id: string, body: unknown) =>
    app.api<TierDto & Err>(API_PATHS.admin.tier(id), { method: 'PATCH', body });
  const setUserTier = (id: string, tierId: string | null) =>
    app.api<UserDto & Err>(API_PATHS.admin.user(id), { method: 'PATCH', body: { tierId } });
  const usage = async (token = userToken) =>
    (await api<UsageDto>(app.baseUrl, API_PATHS.auth.usage, { token })).body;

  beforeAll(async () => {
    db = await createTestDatabase('tiers');
    app = await startTestApp({ DATABASE_URL: db.url, STORAGE_QUOTA: '3gb' });
    [userToken] = await registerUsers(app, 'tier_user');
    userId = (await api<UserDto>(app.baseUrl, API_PATHS.auth.me, { token: userToken })).body.id;
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  it('seeds Free (the default), Pro and Unlimited', async () => {
    const list = await tiers();
    expect(list.map((t) => t.name)).toEqual(['Free', 'Pro', 'Unlimited']);
    expect(list[0]).toMatchObject({
      storageLimitBytes: GB,
      monthlyRenderSeconds: 1800,
      watermark: true,
      maxResolution: '1080p',
      maxFps: 30,
      maxClipsPerProject: 20,
      canSchedule: false,
      maxSchedulesPerUser: 1,
      isDefault: true,
      active: true,
    });
    expect(list[1]).toMatchObject({
      storageLimitBytes: 50 * GB,
      monthlyRenderSeconds: 6 * 3600,
      watermark: false,
      maxResolution: '2160p',
      maxFps: 60,
      maxClipsPerProject: 100,
      canSchedule: true,
      maxSchedulesPerUser: 5,
      isDefault: false,
    });
    expect(list[2]).toMatchObject({
      storageLimitBytes: null,
      monthlyRenderSeconds: null,
      watermark: false,
      unlimited: true,
      isDefault: false,
    });
  });

  it('gives the admin made at first start Unlimited and a registered user the default', async () => {
    const list = await tiers();
    const admin = (await app.api<UserDto>(API_PATHS.auth.me)).body;
    const user = (await app.api<UserDto>(API_PATHS.admin.user(userId))).body;
    expect(admin.tierId).toBe(list.find((t) => t.name === 'Unlimited')!.id);
    expect(user.tierId).toBe(list.find((t) => t.name === 'Free')!.id);
    expect(list.find((t) => t.name === 'Free')!.userCount).toBe(1);
    expect(list.find((t) => t.name === 'Unlimited')!.userCount).toBe(1);
  });

  it('is for admins only', async () => {
    const free = await tierNamed('Free');
    for (const [method, path] of [
      ['GET', API_PATHS.admin.tiers],
      ['GET', API_PATHS.admin.tier(free.id)],
      ['POST', API_PATHS.admin.tiers],
      ['PATCH', API_PATHS.admin.tier(free.id)],
      ['DELETE', API_PATHS.admin.tier(free.id)],
    ]) {
      const body = method === 'GET' ? undefined : {};
      const response = await api(app.baseUrl, path, { method, token: userToken, body });
      expect([method, path, response.status]).toEqual([method, path, 403]);
    }
    expect((await api(app.baseUrl, API_PATHS.admin.tiers)).status).toBe(401);
  });

  it('creates, reads and updates a tier; validation names the field', async () => {
    const created = await createTier({ name: ' Team ', storageLimitBytes: 5 * GB, maxFps: 50 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Team',
      description: '',
      storageLimitBytes: 5 * GB,
      monthlyRenderSeconds: null,
      watermark: true,
      unlimited: false,
      active: true,
      maxResolution: '1080p',
      maxFps: 50,
      maxClipsPerProject: null,
      maxSchedulesPerUser: 1,
      isDefault: false,
      userCount: 0,
    });
    const id = created.body.id;
    expect((await app.api<TierDto>(API_PATHS.admin.tier(id))).body.name).toBe('Team');
    const patched = await patchTier(id, { monthlyRenderSeconds: 600, maxResolution: '1440p' });
    expect(patched.status).toBe(200);
    expect((await patchTier(id, {})).body).toMatchObject({ name: 'Team', maxFps: 50 });
    expect(patched.body).toMatchObject({
      monthlyRenderSeconds: 600,
      maxResolution: '1440p',
      maxFps: 50,
    });

    const bad: [unknown, RegExp][] = [
      [{}, /name/],
      [{ name: '   ' }, /name must not be empty/],
      [{ name: 'X', maxResolution: '4k' }, /maxResolution/],
      [{ name: 'X', maxFps: 0 }, /maxFps/],
      [{ name: 'X', storageLimitBytes: -1 }, /storageLimitBytes/],
      [{ name: 'X', storageLimitBytes: '1 GB' }, /storageLimitBytes/],
      [{ name: 'X', watermark: 'yes' }, /watermark/],
      [{ name: 'X', maxClipsPerProject: 0 }, /maxClipsPerProject/],
      [{ name: 'X', color: 'red' }, /color/],
      [{ name: 'X', isDefault: true, active: false }, /default tier must be active/],
    ];
    for (const [body, message] of bad) {
      const response = await createTier(body);
      expect([body, response.status]).toEqual([body, 400]);
      expect([body, String(response.body.message)]).toEqual([body, expect.stringMatching(message)]);
    }
    const nullName = await patchTier(id, { name: null });
    expect(nullName.status).toBe(400);
    expect(String(nullName.body.message)).toMatch(/name/);
    expect((await patchTier(id, { maxFps: null })).status).toBe(400);

    const taken = await createTier({ name: 'free' });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/"free" already exists/);
    expect((await patchTier(id, { name: 'PRO' })).status).toBe(409);
    expect(
      (await app.api(API_PATHS.admin.tier('00000000-0000-4000-8000-000000000000'))).status,
    ).toBe(404);
    expect((await app.api(API_PATHS.admin.tier('nope'))).status).toBe(400);
  });

  it('keeps exactly one default: setting it moves it; unsetting or deleting it is refused', async () => {
    const free = await tierNamed('Free');
    const pro = await tierNamed('Pro');
    const unset = await patchTier(free.id, { isDefault: false });
    expect(unset.status).toBe(409);
    expect(unset.body.message).toMatch(/make another tier the default/);
    const deleteDefault = await app.api<Err>(API_PATHS.admin.tier(free.id), { method: 'DELETE' });
    expect(deleteDefault.status).toBe(409);
    expect(deleteDefault.body.message).toMatch(/default/);
    expect((await patchTier(free.id, { active: false })).status).toBe(400);

    expect((await patchTier(pro.id, { isDefault: true })).body.isDefault).toBe(true);
    expect((await tiers()).filter((t) => t.isDefault).map((t) => t.name)).toEqual(['Pro']);
    const [newcomer] = await registerUsers(app, 'tier_newcomer');
    expect((await usage(newcomer)).tier?.name).toBe('Pro');

    const made = await createTier({ name: 'Starter', isDefault: true });
    expect(made.status).toBe(201);
    expect((await tiers()).filter((t) => t.isDefault).map((t) => t.name)).toEqual(['Starter']);
    expect((await patchTier(free.id, { isDefault: true })).status).toBe(200);
    expect((await tiers()).filter((t) => t.isDefault).map((t) => t.name)).toEqual(['Free']);
    expect((await app.api(API_PATHS.admin.tier(made.body.id), { method: 'DELETE' })).status).toBe(
      204,
    );
  });

  it('refuses deleting a tier in use with 409 naming how many users have it', async () => {
    const pro = await tierNamed('Pro');
    expect(pro.userCount).toBe(1);
    const refused = await app.api<Err>(API_PATHS.admin.tier(pro.id), { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'Tier "Pro" is used by 1 user; move them to another tier first',
    );
    const unused = await createTier({ name: 'Gone soon' });
    expect((await app.api(API_PATHS.admin.tier(unused.body.id), { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await app.api(API_PATHS.admin.tier(unused.body.id))).status).toBe(404);
  });

  it('validates the tier an admin gives a user', async () => {
    const missing = await setUserTier(userId, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/tierId: there is no tier 00000000-/);
    const inactive = await createTier({ name: 'Retired', active: false });
    const refused = await setUserTier(userId, inactive.body.id);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/"Retired" is inactive/);
    expect((await setUserTier(userId, 'not-a-uuid')).status).toBe(400);
  });

  it('applies the tier storage limit on the next request, with the numbers in the 403', async () => {
    const tiny = await createTier({ name: 'Tiny', storageLimitBytes: 1000 });
    expect((await setUserTier(userId, tiny.body.id)).status).toBe(200);
    const refused = await uploadMedia(app.baseUrl, userToken, clip, 'a.mp4');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      remainingBytes: 1000,
      limitBytes: 1000,
      message: expect.stringMatching(/Storage quota exceeded/),
    });
    expect((await usage()).storage).toEqual({ usedBytes: 0, limitBytes: 1000 });

    // A tier without a limit of its own: STORAGE_QUOTA (3 GB here).
    await patchTier(tiny.body.id, { storageLimitBytes: null });
    expect((await usage()).storage.limitBytes).toBe(3 * GB);
    // The unlimited flag wins over any limit.
    await patchTier(tiny.body.id, { storageLimitBytes: 1000, unlimited: true });
    expect((await usage()).storage.limitBytes).toBeNull();
    // No tier at all: STORAGE_QUOTA.
    expect((await setUserTier(userId, null)).status).toBe(200);
    expect((await usage()).storage.limitBytes).toBe(3 * GB);
    expect((await uploadMedia(app.baseUrl, userToken, clip, 'a.mp4')).status).toBe(201);
    expect((await usage()).storage.usedBytes).toBe(clip.length);
  });

  it('answers the usage: tier caps, storage, render time this UTC month and its reset', async () => {
    const free = await tierNamed('Free');
    expect((await setUserTier(userId, free.id)).status).toBe(200);
    const now = new Date();
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 0, 1));
    const lastMonth = new Date(thisMonth.getTime() - 2000);
    const compile = (finishedAt: Date, state: string, seconds: number, owner = userId) =>
      sql.query(
        `INSERT INTO jobs (kind, queue, state, owner_id, result, finished_at) VALUES ('compile', 'gpu', $1, $2, $3, $4)`,
        [state, owner, JSON.stringify({ durationSeconds: seconds }), finishedAt],
      );
    await compile(thisMonth, 'completed', 61.5);
    await compile(now, 'completed', 30);
    await compile(lastMonth, 'completed', 1000);
    await compile(now, 'failed', 500);
    await compile(now, 'cancelled', 500);
    const admin = (await app.api<UserDto>(API_PATHS.auth.me)).body;
    await compile(now, 'completed', 700, admin.id);

    const body = await usage();
    expect(body).toEqual({
      tier: {
        id: free.id,
        name: 'Free',
        maxResolution: '1080p',
        maxFps: 30,
        maxClipsPerProject: 20,
        watermark: true,
        unlimited: false,
        canSchedule: false,
        maxSchedulesPerUser: 1,
      },
      storage: { usedBytes: clip.length, limitBytes: GB },
      render: {
        usedSecondsThisMonth: 91.5,
        limitSeconds: 1800,
        resetsAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
      },
    });
    const adminUsage = await usage(app.adminToken);
    expect(adminUsage.tier).toMatchObject({ name: 'Unlimited', unlimited: true, watermark: false });
    expect(adminUsage.storage.limitBytes).toBeNull();
    expect(adminUsage.render).toMatchObject({ usedSecondsThisMonth: 700, limitSeconds: null });

    await setUserTier(userId, null);
    expect((await usage()).tier).toBeNull();
    expect((await usage()).render.limitSeconds).toBeNull();
    expect((await api(app.baseUrl, API_PATHS.auth.usage)).status).toBe(401);
  });

  it('counts a compile in the UTC month it finished: December’s in December, January’s in January', async () => {
    const usageAt = (now: Date) =>
      app.running.app.get(UsageService, { strict: false }).of(userId, now);
    const lastInstant = new Date('2026-12-31T23:59:59.999Z');
    const before = await usageAt(lastInstant);
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO jobs (kind, queue, state, owner_id, result, finished_at) VALUES
        ('compile', 'gpu', 'completed', $1, '{"durationSeconds": 40}', $2),
        ('compile', 'gpu', 'completed', $1, '{"durationSeconds": 2}', '2027-01-01T00:00:00Z')
       RETURNING id`,
      [userId, lastInstant],
    );
    try {
      const december = await usageAt(lastInstant);
      expect(december.render.usedSecondsThisMonth - before.render.usedSecondsThisMonth).toBe(40);
      expect(december.render.resetsAt).toBe('2027-01-01T00:00:00.000Z');
      const january = await usageAt(new Date('2027-01-15T12:00:00Z'));
      expect(january.render).toMatchObject({
        usedSecondsThisMonth: 2,
        resetsAt: '2027-02-01T00:00:00.000Z',
      });
    } finally {
      await sql.query('DELETE FROM jobs WHERE id = ANY($1)', [inserted.rows.map((row) => row.id)]);
    }
  });
});
