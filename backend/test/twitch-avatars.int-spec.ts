import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { API_PATHS, WORKER_KEY_HEADER, type UserDto } from '@clippyfront/shared';
import { workerHeaders } from './support/fake-worker.js';
import { AvatarsRepository } from '../src/avatars/avatars.repository.js';
import { AvatarError, AvatarsService } from '../src/avatars/avatars.service.js';
import type { AvatarCleanupReport } from '../src/avatars/avatars.service.js';
import { loadAppConfig, type AppConfig } from '../src/config/app-config.js';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { ClipMetadataService } from '../src/twitch/clip-metadata.service.js';
import { TwitchError, TwitchRepository } from '../src/twitch/twitch.repository.js';
import { avatarPng, FakeTwitch } from './support/fake-twitch.js';
import { api, createToken, startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const DAY = 24 * 60 * 60 * 1000;
const CLIP = {
  id: 'AwkwardHelplessSalamanderSwiftRage-x1_Y',
  title: 'What a play',
  creator_name: 'Clip_Maker',
  creator_id: '1001',
  broadcaster_name: 'BigStreamer',
  game_id: '509658',
  duration: 27.4,
  view_count: 1234,
  created_at: '2024-05-01T12:00:00Z',
  thumbnail_url: 'https://clips-media-assets2.twitch.tv/x-preview-480x272.jpg',
};

function services(config: AppConfig) {
  const twitch = new TwitchRepository(config);
  const files = new AvatarsRepository(config);
  const avatars = new AvatarsService(files, config);
  return { twitch, files, avatars, metadata: new ClipMetadataService(twitch, avatars) };
}

describe('Twitch Helix metadata and creator avatars (against a local fake)', () => {
  let fake: FakeTwitch;
  let instance: string;
  let config: AppConfig;
  let png: Buffer;
  const avatarsDir = () => join(instance, 'assets', 'avatars');
  const avatarFiles = () => readdirSync(avatarsDir()).sort();

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeTwitch.start();
    png = avatarPng('red');
    fake.clips.set(CLIP.id, CLIP);
    fake.games.set('509658', 'Just Chatting');
    fake.users.set('1001', {
      id: '1001',
      login: 'clip_maker',
      display_name: 'Clip_Maker',
      profile_image_url: fake.serveImage('clip_maker.png', png),
    });
  });

  beforeEach(() => {
    instance = mkdtempSync(join(tmpdir(), 'clippyfront-avatars-'));
    config = loadAppConfig({ CLIPPY_INSTANCE_PATH: instance, ...fake.env() });
    fake.resetCalls();
    fake.tokenLifetime = 3600;
  });

  afterEach(() => rmSync(instance, { recursive: true, force: true }));
  afterAll(() => fake?.close());

  it('maps a clip, resolves its game name and stores the creator avatar', async () => {
    const { metadata } = services(config);
    const result = await metadata.forTwitchSlug(CLIP.id);
    expect(result.metadata).toEqual({
      title: 'What a play',
      creatorName: 'Clip_Maker',
      creatorId: '1001',
      broadcasterName: 'BigStreamer',
      gameName: 'Just Chatting',
      durationSeconds: 27.4,
      viewCount: 1234,
      clipCreatedAt: '2024-05-01T12:00:00Z',
    });
    expect(result.avatarPath).toMatch(/^\/instance\/assets\/avatars\/clip_maker_\d{13}\.png$/);
    const [file] = avatarFiles();
    expect(readFileSync(join(avatarsDir(), file!))).toEqual(png);
    expect(fake.calls).toMatchObject({ token: 1, clips: 1, games: 1, users: 1, cdn: 1 });
  });

  it('caches the app token and game names, and renews the token after a 401', async () => {
    const { twitch } = services(config);
    await twitch.getClip(CLIP.id);
    await twitch.getGame('509658');
    await twitch.getGame('509658');
    await twitch.getUser('1001');
    expect(fake.calls).toMatchObject({ token: 1, clips: 1, games: 1, users: 1 });

    fake.expireTokens();
    expect((await twitch.getClip(CLIP.id))?.title).toBe('What a play');
    expect(fake.calls.token).toBe(2);
    expect(fake.calls.clips).toBe(3);
    await twitch.getUser('1001');
    expect(fake.calls.token).toBe(2);
  });

  it('renews the token shortly before it expires', async () => {
    fake.tokenLifetime = 1;
    const { twitch } = services(config);
    await twitch.getClip(CLIP.id);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await twitch.getClip(CLIP.id);
    expect(fake.calls.token).toBe(2);
  });

  it('waits for Ratelimit-Reset once after a 429, then gives up with a TwitchError', async () => {
    const { twitch } = services(config);
    fake.rateLimit(1, 1);
    const started = Date.now();
    expect((await twitch.getClip(CLIP.id))?.id).toBe(CLIP.id);
    expect(fake.calls.clips).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    fake.rateLimit(2, 0);
    await expect(twitch.getClip(CLIP.id)).rejects.toMatchObject({
      name: 'TwitchError',
      status: 429,
    });
    fake.rateLimit(1, 600);
    await expect(twitch.getClip(CLIP.id)).rejects.toThrow(/rate limit reached; it resets in/);
    fake.rateLimit(0);
  });

  it('answers null metadata for an unknown clip, and for no Twitch settings without calls', async () => {
    expect(await services(config).metadata.forTwitchSlug('NoSuchClip-abc')).toEqual({
      metadata: null,
      avatarPath: null,
    });
    expect(await services(config).metadata.forTwitchSlug('../../users?id=1')).toEqual({
      metadata: null,
      avatarPath: null,
    });
    expect(fake.calls.clips).toBe(1);

    fake.resetCalls();
    const off = services(loadAppConfig({ CLIPPY_INSTANCE_PATH: instance }));
    expect(off.metadata.enabled).toBe(false);
    expect(await off.metadata.forTwitchSlug(CLIP.id)).toEqual({ metadata: null, avatarPath: null });
    expect(Object.values(fake.calls).every((n) => n === 0)).toBe(true);
  });

  it('reports wrong credentials and an unreachable Twitch as TwitchErrors', async () => {
    const wrong = services(
      loadAppConfig({
        CLIPPY_INSTANCE_PATH: instance,
        ...fake.env(),
        TWITCH_CLIENT_SECRET: 'not-the-secret',
      }),
    );
    const refused = await wrong.metadata.forTwitchSlug(CLIP.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TwitchError);
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as Error).message).toMatch(/check TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET/);

    const down = services(
      loadAppConfig({
        CLIPPY_INSTANCE_PATH: instance,
        ...fake.env(),
        TWITCH_AUTH_BASE: 'http://127.0.0.1:9/oauth2',
      }),
    );
    await expect(down.twitch.getClip(CLIP.id)).rejects.toMatchObject({
      name: 'TwitchError',
      status: null,
      message: expect.stringMatching(/Twitch could not be reached \(127\.0\.0\.1:9/),
    });
  });

  it('reuses an avatar younger than 24 h and prunes older downloads to AVATARS_KEEP', async () => {
    mkdirSync(avatarsDir(), { recursive: true });
    const old = [5, 4, 3, 2].map((days) => `clip_maker_${Date.now() - days * DAY}.png`);
    const others = ['clip_maker.png', `clip_maker_2_${Date.now() - 9 * DAY}.jpg`, 'avatar.png'];
    for (const file of [...old, ...others]) writeFileSync(join(avatarsDir(), file), png);

    const { metadata, avatars } = services(config);
    const first = await metadata.forTwitchSlug(CLIP.id);
    const stored = first.avatarPath!.split('/').pop()!;
    expect(avatarFiles()).toEqual([...others, old[2], old[3], stored].sort());
    expect(fake.calls).toMatchObject({ users: 1, cdn: 1 });

    const again = await metadata.forTwitchSlug(CLIP.id);
    expect(again.avatarPath).toBe(first.avatarPath);
    expect(fake.calls).toMatchObject({ users: 1, cdn: 1 });

    // A hand-placed <creator>.png wins when resolving by name.
    expect(await avatars.resolve('Clip_Maker')).toBe(join(avatarsDir(), 'clip_maker.png'));
    rmSync(join(avatarsDir(), 'clip_maker.png'));
    expect(await avatars.resolve('Clip_Maker')).toBe(join(avatarsDir(), stored));
    expect(await avatars.resolve('nobody')).toBeNull();
  });

  it('refuses an avatar that is not an image, too large, or from another host', async () => {
    const { avatars } = services(config);
    const html = fake.serveImage('page.png', Buffer.from('<!doctype html><p>hello</p>'));
    await expect(avatars.fetchAvatar('Someone', html)).rejects.toThrow(
      /not a PNG, JPEG or WebP image/,
    );
    const huge = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    await expect(avatars.fetchAvatar('Someone', fake.serveImage('huge.png', huge))).rejects.toThrow(
      /larger than 5242880 bytes/,
    );
    await expect(avatars.fetchAvatar('Someone', `${fake.url}/cdn/missing.png`)).rejects.toThrow(
      /answered HTTP 404/,
    );
    await expect(avatars.fetchAvatar('Someone', 'http://169.254.169.254/x.png')).rejects.toThrow(
      AvatarError,
    );

    // With the default TWITCH_API_BASE only https://static-cdn.jtvnw.net is allowed.
    const production = services(loadAppConfig({ CLIPPY_INSTANCE_PATH: instance }));
    await expect(
      production.avatars.fetchAvatar('Someone', fake.serveImage('ok.png', png)),
    ).rejects.toThrow(/only fetched from https:\/\/static-cdn\.jtvnw\.net/);
    expect(fake.calls.cdn).toBe(3);

    // A bad avatar never fails the metadata.
    fake.users.set('2002', {
      id: '2002',
      login: 'html_user',
      display_name: 'Html_User',
      profile_image_url: html,
    });
    fake.clips.set('HtmlAvatarClip', {
      ...CLIP,
      id: 'HtmlAvatarClip',
      creator_id: '2002',
      creator_name: 'Html_User',
    });
    const result = await services(config).metadata.forTwitchSlug('HtmlAvatarClip');
    expect(result.metadata?.title).toBe('What a play');
    expect(result.avatarPath).toBeNull();
    expect(readdirSync(instance)).not.toContain('assets');
  });
});

describe('avatar endpoints and scripts/cleanup-avatars.sh (real PostgreSQL)', () => {
  const WORKER_API_KEY = 'avatars-test-worker-key-0123456789';
  const CLI = join(PROJECT_ROOT, 'backend', 'dist', 'cli', 'cleanup-avatars.js');
  let fake: FakeTwitch;
  let db: TestDatabase;
  let app: TestApp;
  let owner: { id: string; token: string };
  let stranger: string;
  let clipId: string;
  let avatarPath: string;
  const png = avatarPng('blue');
  const avatarsDir = () => join(app.instanceDir, 'assets', 'avatars');

  async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  async function insertClip(avatar: string | null, creatorName: string | null): Promise<string> {
    const [project] = await sql<{ id: string }>(
      `INSERT INTO projects (owner_id, name, output) VALUES ($1, 'Avatars', '{}') RETURNING id`,
      [owner.id],
    );
    const url = `https://clips.twitch.tv/Clip${Math.random().toString(36).slice(2)}`;
    const [clip] = await sql<{ id: string }>(
      `INSERT INTO clips (project_id, owner_id, source_url, normalized_url, source, creator_name,
         avatar_path) VALUES ($1, $2, $3, $3, 'twitch', $4, $5) RETURNING id`,
      [project!.id, owner.id, url, creatorName, avatar],
    );
    return clip!.id;
  }

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}${path}`, { headers });
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: db.url,
        CLIPPY_INSTANCE_PATH: app.instanceDir,
      },
      encoding: 'utf8',
      timeout: 120_000,
    });

  beforeAll(async () => {
    fake = await FakeTwitch.start();
    db = await createTestDatabase('avatars');
    app = await startTestApp({ DATABASE_URL: db.url, WORKER_API_KEY, ...fake.env() });
    await api(app.baseUrl, API_PATHS.auth.register, {
      body: { username: 'avatar_owner', email: 'owner@example.com', password: 'avatar-pass-1' },
    });
    await api(app.baseUrl, API_PATHS.auth.register, {
      body: { username: 'avatar_other', email: 'other@example.com', password: 'avatar-pass-2' },
    });
    const token = await createToken(app.baseUrl, 'avatar_owner', 'avatar-pass-1');
    const me = await api<UserDto>(app.baseUrl, API_PATHS.auth.me, { token });
    owner = { id: me.body.id, token };
    stranger = await createToken(app.baseUrl, 'avatar_other', 'avatar-pass-2');

    // What the clips flow does: metadata and avatar from Helix, stored on the clip row.
    fake.clips.set('EndpointClip', { ...CLIP, id: 'EndpointClip', creator_id: '3003' });
    fake.users.set('3003', {
      id: '3003',
      login: 'clip_maker',
      display_name: 'Clip_Maker',
      profile_image_url: fake.serveImage('endpoint.png', png),
    });
    const found = await services(app.config).metadata.forTwitchSlug('EndpointClip');
    avatarPath = found.avatarPath!;
    clipId = await insertClip(avatarPath, found.metadata!.creatorName);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await fake?.close();
  });

  it('serves a clip avatar to workers with their worker token only', async () => {
    expect((await get(API_PATHS.avatarByClip(clipId))).status).toBe(401);
    const wrong = await get(API_PATHS.avatarByClip(clipId), {
      [WORKER_KEY_HEADER]: 'x'.repeat(34),
    });
    expect(wrong.status).toBe(401);
    const userToken = await get(API_PATHS.avatarByClip(clipId), {
      authorization: `Bearer ${owner.token}`,
    });
    expect(userToken.status).toBe(401);
    // WORKER_API_KEY only registers a worker.
    const shared = await get(API_PATHS.avatarByClip(clipId), {
      [WORKER_KEY_HEADER]: WORKER_API_KEY,
    });
    expect(shared.status).toBe(401);

    const key = await workerHeaders(app.baseUrl, WORKER_API_KEY);
    const ok = await get(API_PATHS.avatarByClip(clipId), key);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(png);
    const unknown = await get(API_PATHS.avatarByClip('7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10'), key);
    expect(unknown.status).toBe(404);
    expect((await get(API_PATHS.avatarByClip('not-a-uuid'), key)).status).toBe(400);
    const bare = await insertClip(null, 'Nobody Known');
    const none = await get(API_PATHS.avatarByClip(bare), key);
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ message: 'This clip has no creator avatar' });
  });

  it("serves a clip avatar to the clip's owner (and admins), 404 to others", async () => {
    const path = API_PATHS.clips.avatar(clipId);
    const mine = await get(path, { authorization: `Bearer ${owner.token}` });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(png);
    expect((await get(path, { authorization: `Bearer ${app.adminToken}` })).status).toBe(200);
    expect((await get(path, { authorization: `Bearer ${stranger}` })).status).toBe(404);
    expect((await get(path)).status).toBe(401);
  });

  it('cleans up old avatars per creator, dry run first, never a file a clip uses', async () => {
    const stored = avatarPath.split('/').pop()!;
    const now = Date.now();
    const old = [1, 2, 3, 4].map((days) => `clip_maker_${now - days * DAY}.png`);
    const other = [`other_${now - DAY}.jpg`, `other_${now - 2 * DAY}.jpg`];
    for (const file of [...old, ...other, 'clip_maker.png'])
      writeFileSync(join(avatarsDir(), file), png);
    // An old file a clip still points at survives any cleanup.
    await insertClip(`/instance/assets/avatars/${old[3]}`, 'Clip_Maker');
    const before = readdirSync(avatarsDir()).sort();

    const dry = run('--keep', '2', '--dry-run', '--json');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    const report = JSON.parse(dry.stdout) as AvatarCleanupReport;
    expect(report).toMatchObject({
      keep: 2,
      dryRun: true,
      creators: 2,
      kept: 4,
      protected: [old[3]],
      referencesChecked: true,
    });
    expect(report.deleted.sort()).toEqual([old[1], old[2]].sort());
    expect(readdirSync(avatarsDir()).sort()).toEqual(before);

    const real = run('--keep', '1');
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/4 file\(s\) deleted/);
    expect(real.stdout).toMatch(/1 older file\(s\) kept because a clip uses them/);
    expect(readdirSync(avatarsDir()).sort()).toEqual(
      [stored, old[3], other[0], 'clip_maker.png'].sort(),
    );
    // The worker endpoint still answers for the clip whose file was kept.
    const ok = await get(
      API_PATHS.avatarByClip(clipId),
      await workerHeaders(app.baseUrl, WORKER_API_KEY),
    );
    expect(ok.status).toBe(200);

    const bad = run('--keep', 'many');
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/--keep must be a number/);
    expect(run('--help').stdout).toMatch(/Never deleted: files a clip's avatar_path points at/);
  });
});
