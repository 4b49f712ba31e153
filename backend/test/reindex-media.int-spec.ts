import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PATHS, type MediaDto, type MediaListDto, type UserDto } from '@clippyfront/shared';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import type { ReindexReport } from '../src/media/media-reindex.service.js';
import { runScript } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, createToken, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';

const CLI = join(PROJECT_ROOT, 'backend', 'dist', 'cli', 'reindex-media.js');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('reindex media from disk (scripts/reindex-media.sh)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let userDir: string;
  const run = (...args: string[]) =>
    runScript(CLI, args, { DATABASE_URL: db.url, CLIPPY_INSTANCE_PATH: app.instanceDir }, 120_000);
  const report = async (...args: string[]): Promise<ReindexReport> => {
    const result = await run('--json', ...args);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as ReindexReport;
  };
  const library = async () =>
    (await api<MediaListDto>(app.baseUrl, `${API_PATHS.media.list}?limit=100`, { token })).body;
  const put = (relative: string, bytes: Buffer) => {
    const path = join(app.instanceDir, 'data', relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  };

  beforeAll(async () => {
    db = await createTestDatabase('reindex');
    app = await startTestApp({ DATABASE_URL: db.url, JOB_STALL_SECONDS: '5' });
    await api<UserDto>(app.baseUrl, API_PATHS.auth.register, {
      body: { username: 'reindexer', email: 'reindexer@example.com', password: 'reindex-pass-1' },
    });
    token = await createToken(app.baseUrl, 'reindexer', 'reindex-pass-1');
    const me = (await api<UserDto>(app.baseUrl, API_PATHS.auth.me, { token })).body;
    userDir = me.id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reports, then adds, files the library lacks, typed by folder, never touching them', async () => {
    const uploaded = (await uploadMedia(app.baseUrl, token, testMedia('clip.mp4'), 'known.mp4'))
      .body as MediaDto;
    const gone = (await uploadMedia(app.baseUrl, token, testMedia('still.jpg'), 'gone.jpg'))
      .body as MediaDto;
    rmSync(join(app.instanceDir, 'data', userDir, 'images', 'gone.jpg'));
    const lost = put(`${userDir}/intros/lost intro.mp4`, testMedia('clip.mp4'));
    const picture = put(`${userDir}/images/picture.png`, testMedia('still.png'));
    put(`${userDir}/clips/notes.mp4`, Buffer.from('plain text, not a video\n'.repeat(20)));
    put(`${userDir}/images/moving.webm`, testMedia('clip.webm'));
    put(`${userDir}/misc/other.mp4`, testMedia('clip.mp4'));
    put(`${userDir}/thumbnails/${uploaded.id}-old.jpg`, testMedia('still.jpg'));
    put('7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10/clips/orphan.mp4', testMedia('clip.mp4'));
    const before = { lost: sha(lost), picture: sha(picture) };
    const countBefore = (await library()).total;

    const dry = await report();
    expect(dry.added.sort()).toEqual([
      `/instance/data/${userDir}/images/picture.png`,
      `/instance/data/${userDir}/intros/lost intro.mp4`,
    ]);
    const reasons = Object.fromEntries(dry.skipped.map((s) => [s.path.split('/').pop(), s.reason]));
    expect(reasons).toEqual({
      'notes.mp4': expect.stringMatching(/Only video and image files are accepted/),
      'moving.webm': 'a video file in images/',
      'other.mp4': '"misc" is not a media folder',
      'orphan.mp4': 'no user with id "7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10"',
    });
    expect(dry.missingOnDisk).toEqual([expect.stringMatching(/\/images\/gone\.jpg$/)]);
    expect(dry.thumbnailsQueued).toBe(0);
    expect((await library()).total).toBe(countBefore);

    const applied = await report('--apply', '--regen-thumbnails');
    expect(applied.added).toHaveLength(2);
    expect(applied.thumbnailsQueued).toBeGreaterThanOrEqual(2);
    const items = (await library()).items;
    const intro = items.find((m) => m.name === 'lost intro.mp4');
    expect(intro).toMatchObject({ type: 'intro', width: 320, height: 240, hasAudio: true });
    expect(items.find((m) => m.name === 'picture.png')).toMatchObject({ type: 'image' });
    expect(items.some((m) => m.id === gone.id)).toBe(true);
    expect({ lost: sha(lost), picture: sha(picture) }).toEqual(before);

    // The running app picks the queued thumbnail jobs up on its next sweep.
    await waitFor('thumbnails of the reindexed media', async () => {
      const media = (await library()).items.filter((m) => m.name === 'lost intro.mp4');
      return media.every((m) => m.hasThumbnail) ? true : undefined;
    });

    const again = await report();
    expect(again.added).toEqual([]);
    expect(again.known).toBeGreaterThanOrEqual(3);
  });

  it('explains its options and refuses unknown ones', async () => {
    const help = await run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Read-only unless --apply/);
    const bad = await run('--delete-everything');
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/Unknown option '--delete-everything'/);
  });
});
