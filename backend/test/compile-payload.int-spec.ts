import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { API_PATHS, type CompilationDto, type CompilePayload } from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { FakeWorker } from './support/fake-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';

const WORKER_API_KEY = 'payload-test-worker-key-0123456789';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** No worker runs: the compile job stays queued with its payload. */
describe('the compile payload carries each asset’s content hash', () => {
  const redis = createRedisPrefix('payload');
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  const me = clipsClient(
    () => app,
    () => token,
  );
  const storedHash = async (mediaId: string) => {
    const rows: { content_sha256: string | null }[] = await app.running.app
      .get(DataSource)
      .query('SELECT content_sha256 FROM media WHERE id = $1', [mediaId]);
    return rows[0]?.content_sha256;
  };

  beforeAll(async () => {
    db = await createTestDatabase('compile_payload');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    });
    [token] = await registerUsers(app, 'hasher');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('taken when the media is stored, or at the first compile for an older row', async () => {
    const project = await me.project('Hashed');
    const [clip] = await me.addOk(
      project,
      'https://cdn.discordapp.com/attachments/1/2/hashed.mp4?ex=1&is=2&hm=3',
    );
    await (
      await FakeWorker.register(app.baseUrl, WORKER_API_KEY)
    ).download(clip!.jobId!, testMedia('clip.mp4'));
    const upload = async (type: string, recipe: string) =>
      (await uploadMedia(app.baseUrl, token, testMedia(recipe), `${type}.mp4`, { type })).body as {
        id: string;
      };
    const intro = await upload('intro', 'clip.mp4');
    const transition = await upload('transition', 'clip.webm');
    expect(await storedHash(intro.id)).toBe(sha256(testMedia('clip.mp4')));
    // As a row from before the hash was kept.
    await app.running.app
      .get(DataSource)
      .query('UPDATE media SET content_sha256 = NULL WHERE id = $1', [transition.id]);
    const arrangement = await me.call(API_PATHS.projects.arrangement(project), {
      method: 'PUT',
      body: {
        introId: intro.id,
        outroId: null,
        transitionIds: [transition.id],
        randomizeTransitions: false,
      },
    });
    expect(arrangement.status).toBe(200);
    await me.call(API_PATHS.projects.timeline(project), {
      method: 'PUT',
      body: { clipIds: [clip!.id] },
    });

    const started = await me.call<CompilationDto>(API_PATHS.projects.compile(project), {
      body: {},
    });
    expect(started.status).toBe(201);
    const payload = (await me.job(started.body.jobId!)).payload as CompilePayload;
    expect(payload.intro).toEqual({
      mediaId: intro.id,
      name: 'intro.mp4',
      sha256: sha256(testMedia('clip.mp4')),
    });
    expect(payload.transitions).toEqual([
      { mediaId: transition.id, name: 'transition.mp4', sha256: sha256(testMedia('clip.webm')) },
    ]);
    expect(await storedHash(transition.id)).toBe(sha256(testMedia('clip.webm')));
  });
});
