import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  JOB_TOKEN_HEADER,
  PROJECT_RULES,
  type ClipDto,
  type MediaDto,
} from '@clippyfront/shared';
import { InProcessMediaAccess } from '../src/jobs/in-process-media-access.js';
import { clipsClient as client, registerUsers } from './support/clips-client.js';
import { FakeWorker } from './support/fake-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia } from './support/test-media.js';
import { filesUnder } from './support/files.js';

const WORKER_API_KEY = 'clips-test-worker-key-0123456789';
type ErrorBody = { statusCode: number; message: string | string[] };

const twitch = (slug: string) => `https://www.twitch.tv/somechannel/clip/${slug}?filter=clips`;
const discord = (name: string) =>
  `https://cdn.discordapp.com/attachments/111/222/${name}.mp4?ex=6650a1b2&is=664f5032&hm=abc`;

/** Upload-Metadata: comma-separated `key base64(value)` pairs. */
function encodeMetadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

describe('clips with a hand-driven worker (real PostgreSQL, Bull + Redis, ffmpeg)', () => {
  const redis = createRedisPrefix('clips');
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let otherToken: string;
  let worker: FakeWorker;
  const me = client(
    () => app,
    () => token,
  );
  const other = client(
    () => app,
    () => otherToken,
  );

  beforeAll(async () => {
    db = await createTestDatabase('clips');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      MAX_CONTENT_LENGTH: '5mb',
    });
    [token, otherToken] = await registerUsers(app, 'clips_user', 'clips_other');
    worker = await FakeWorker.register(app.baseUrl, WORKER_API_KEY);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  const workerUploadFiles = () => filesUnder(join(app.instanceDir, 'tmp', 'worker-uploads'));
  const tusRequest = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ) =>
    fetch(new URL(path, app.baseUrl), {
      method,
      headers: { 'tus-resumable': '1.0.0', ...worker.headers, ...headers },
      body: body && new Uint8Array(body),
    });
  const tusPatch = (url: string, offset: number, bytes: Buffer) =>
    tusRequest(
      'PATCH',
      url,
      { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      bytes,
    );

  describe('adding URLs', () => {
    it('accepts Twitch and Discord links and rejects the rest, each with its reason', async () => {
      const project = await me.project('Policy');
      const urls = [
        twitch('AddedFirst-AbC'),
        'https://example.com/video.mp4',
        discord('first'),
        'not a url',
        'https://clips.twitch.tv/AddedFirst-AbC',
        'http://127.0.0.1/clip.mp4',
        'https://www.twitch.tv/somechannel/videos',
      ];
      const { status, body } = await me.add(project, urls);
      expect(status).toBe(201);
      expect(body.accepted).toEqual([
        expect.objectContaining({
          projectId: project,
          source: 'twitch',
          sourceUrl: 'https://clips.twitch.tv/AddedFirst-AbC',
          normalizedUrl: 'https://clips.twitch.tv/AddedFirst-AbC',
          state: 'queued',
          progress: 0,
          error: null,
          reused: false,
          mediaId: null,
          jobId: expect.any(String),
          hasThumbnail: false,
          hasAvatar: false,
          title: null,
        }),
        expect.objectContaining({
          source: 'discord',
          sourceUrl: discord('first'),
          normalizedUrl: 'https://cdn.discordapp.com/attachments/111/222/first.mp4',
          state: 'queued',
        }),
      ]);
      const external = 'Only Twitch clips and Discord attachments are accepted on this server';
      expect(body.rejected).toEqual([
        { url: urls[1], reason: 'unsupported-source', message: external },
        { url: urls[3], reason: 'invalid-url', message: 'Not a URL' },
        { url: urls[4], reason: 'duplicate-in-request', message: expect.any(String) },
        { url: urls[5], reason: 'unsupported-source', message: external },
        { url: urls[6], reason: 'unsupported-source', message: expect.stringMatching(/clip/) },
      ]);

      const [first, second] = body.accepted;
      const job = await me.job(first!.jobId!);
      expect(job).toMatchObject({
        kind: 'download',
        queue: 'celery',
        state: 'queued',
        payload: {
          clipId: first!.id,
          url: 'https://clips.twitch.tv/AddedFirst-AbC',
          source: 'twitch',
          maxBytes: 5 * 1024 * 1024,
        },
      });
      expect(((await me.job(second!.jobId!)).payload as { url: string }).url).toBe(
        discord('first'),
      );
      expect((await me.clips(project)).map((clip) => clip.id)).toEqual([first!.id, second!.id]);
      expect((await me.getProject(project)).body.clipCount).toBe(2);

      const again = await me.add(project, ['https://m.twitch.tv/clip/AddedFirst-AbC']);
      expect(again.status).toBe(400);
      expect(again.body).toEqual({
        statusCode: 400,
        message: expect.stringMatching(/^No clip was added: .*already in the project/),
        rejected: [
          {
            url: 'https://m.twitch.tv/clip/AddedFirst-AbC',
            reason: 'already-in-project',
            message: 'This clip is already in the project',
          },
        ],
      });
    });

    it('answers 400 with the reasons when nothing is accepted, or nothing is sent', async () => {
      const project = await me.project('Nothing');
      const none = await me.add(project, ['ftp://x/y.mp4', 'https://vimeo.com/1']);
      expect(none.status).toBe(400);
      expect(none.body.message).toBe(
        'No clip was added: ftp://x/y.mp4 — Only http and https links are accepted; ' +
          'https://vimeo.com/1 — Only Twitch clips and Discord attachments are accepted on this server',
      );
      expect(none.body.rejected.map((r) => r.reason)).toEqual([
        'invalid-url',
        'unsupported-source',
      ]);
      const empty = await me.add(project, []);
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({ message: expect.stringMatching(/empty/), rejected: [] });
      const tooMany = await me.add(
        project,
        Array.from({ length: PROJECT_RULES.maxUrlsPerRequest + 1 }, (_, i) => twitch(`Many${i}`)),
      );
      expect(tooMany.status).toBe(400);
      expect(String(tooMany.body.message)).toMatch(/no more than 100 elements/);
      expect((await me.add(project, 'https://clips.twitch.tv/A')).status).toBe(400);
      expect((await me.add(project, [42])).status).toBe(400);
      expect((await me.clips(project)).length).toBe(0);
    });

    it('shares a download in flight instead of starting a second one', async () => {
      const [a, b] = [await me.project('Shared A'), await me.project('Shared B')];
      const [first] = await me.addOk(a, discord('shared'));
      const downloadsBefore = (await me.jobs('download')).length;
      const [second] = await me.addOk(b, `${discord('shared').split('?')[0]}?ex=1&is=2&hm=fresh`);
      expect(second).toMatchObject({ state: 'queued', reused: false, jobId: first!.jobId });
      expect((await me.jobs('download')).length).toBe(downloadsBefore);
      // Another user's same URL is theirs alone.
      const [theirs] = await other.addOk(await other.project('Theirs'), discord('shared'));
      expect(theirs!.jobId).not.toBe(first!.jobId);
    });
  });

  describe('downloads coming back from a worker', () => {
    let projectA: string;
    let projectB: string;
    let clipA: ClipDto;
    let clipB: ClipDto;
    let mediaId: string;

    beforeAll(async () => {
      [projectA, projectB] = [await me.project('Worker A'), await me.project('Worker B')];
      [clipA] = await me.addOk(projectA, twitch('Downloaded-1'));
      [clipB] = await me.addOk(projectB, 'https://clips.twitch.tv/embed?clip=Downloaded-1');
    });

    it('shows a running download’s progress', async () => {
      expect(clipB.jobId).toBe(clipA.jobId);
      const token = await worker.claim(clipA.jobId!);
      expect((await worker.update(clipA.jobId!, token, 40)).status).toBe(200);
      expect(await me.clip(projectA, clipA.id)).toMatchObject({
        state: 'downloading',
        progress: 40,
      });

      const bytes = testMedia('clip.mp4');
      const sent = await worker.upload(
        { jobId: clipA.jobId!, token, filename: 'Downloaded-1.mp4' },
        bytes,
        {
          chunkSize: Math.ceil(bytes.length / 3),
        },
      );
      expect(sent).toMatchObject({ status: 204, mediaId: expect.any(String) });
      mediaId = sent.mediaId!;
      for (const [project, clip] of [
        [projectA, clipA],
        [projectB, clipB],
      ] as const) {
        expect(await me.clip(project, clip.id)).toMatchObject({
          state: 'ready',
          progress: 100,
          error: null,
          mediaId,
        });
      }
      const media = await me.media(mediaId);
      expect(media.body).toMatchObject({
        type: 'clip',
        name: 'Downloaded-1.mp4',
        sizeBytes: bytes.length,
        width: 320,
      });

      // Sent twice (a retry after a lost answer): the same media, nothing new.
      const twice = await worker.upload({ jobId: clipA.jobId!, token, filename: 'x.mp4' }, bytes);
      expect(twice.mediaId).toBe(mediaId);
      const done = await worker.complete(clipA.jobId!, token, {
        mediaId,
        sizeBytes: bytes.length,
        durationSeconds: 2,
      });
      expect(done.status).toBe(204);
      expect((await me.job(clipA.jobId!)).state).toBe('completed');
      expect((await me.clip(projectA, clipA.id))!.state).toBe('ready');
      const clipMedia = (await me.call<{ items: MediaDto[] }>(`${API_PATHS.media.list}?type=clip`))
        .body.items;
      expect(clipMedia.filter((m) => m.name.startsWith('Downloaded-1'))).toHaveLength(1);
    });

    it('reuses media the owner already downloaded: ready at once, no job', async () => {
      const project = await me.project('Reuse');
      const downloadsBefore = (await me.jobs('download')).length;
      const [clip] = await me.addOk(project, 'https://m.twitch.tv/someone/clip/Downloaded-1');
      expect(clip).toMatchObject({
        state: 'ready',
        reused: true,
        jobId: null,
        mediaId,
        progress: 100,
      });
      expect((await me.jobs('download')).length).toBe(downloadsBefore);
      // Not for another user: they download their own copy.
      const [theirs] = await other.addOk(await other.project('Not shared'), twitch('Downloaded-1'));
      expect(theirs).toMatchObject({ state: 'queued', reused: false, mediaId: null });
    });

    it('serves the clip’s thumbnail once its media has one, to its owner only', async () => {
      const before = await me.thumbnail(clipA.id);
      expect(before.status).toBe(404);
      expect(((await before.json()) as ErrorBody).message).toBe('No thumbnail yet');
      const job = await waitFor('the thumbnail job', async () =>
        (await me.jobs('thumbnail')).find(
          (j) => (j.payload as { mediaId: string }).mediaId === mediaId,
        ),
      );
      expect(await worker.thumbnail(job.id, testMedia('still.jpg'))).toBe(204);
      const after = await me.thumbnail(clipB.id);
      expect(after.status).toBe(200);
      expect(after.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await after.arrayBuffer()).equals(testMedia('still.jpg'))).toBe(true);
      expect((await me.clip(projectA, clipA.id))!.hasThumbnail).toBe(true);
      expect((await other.thumbnail(clipA.id)).status).toBe(404);
      expect((await me.thumbnail('7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10')).status).toBe(404);
    });

    it('fails the clip with the reason when the file is not a video, and retries it', async () => {
      const project = await me.project('Refused');
      const [clip] = await me.addOk(project, discord('page'));
      const token = await worker.claim(clip!.jobId!);
      const html = Buffer.from('<!doctype html><html><body>Sign in to see this</body></html>\n');
      const refused = await worker.upload(
        { jobId: clip!.jobId!, token, filename: 'page.mp4' },
        html,
      );
      expect(refused.status).toBe(415);
      expect(refused.message).toMatch(/^Only video and image files are accepted; this file is/);
      expect(existsSync(join(app.instanceDir, 'tmp', 'worker-uploads'))).toBe(true);
      expect(workerUploadFiles()).toEqual([]);
      expect((await worker.fail(clip!.jobId!, token, refused.message!)).status).toBe(204);
      const failed = await me.clip(project, clip!.id);
      expect(failed).toMatchObject({ state: 'failed', error: refused.message, mediaId: null });

      const retried = await me.retry(project, clip!.id);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ state: 'queued', jobId: clip!.jobId, error: null });
      expect(await me.job(clip!.jobId!)).toMatchObject({ state: 'queued', attempts: 0 });
      const again = await me.retry(project, clip!.id);
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('The clip is queued; only failed clips can be retried');
      expect((await me.retry(projectA, clipA.id)).status).toBe(409);
      // Retried once more after the media appeared elsewhere: reused, no download.
      const token2 = await worker.claim(clip!.jobId!);
      await worker.fail(clip!.jobId!, token2, 'Network down');
      const elsewhere = await me.project('Elsewhere');
      const [sibling] = await me.addOk(elsewhere, discord('page'));
      await worker.download(sibling!.jobId!, testMedia('clip.webm'), 'page.webm');
      const reused = await me.retry(project, clip!.id);
      expect(reused.body).toMatchObject({ state: 'ready', reused: true, jobId: null });
    });

    it('refuses uploads that are not the current claim of a download job', async () => {
      const project = await me.project('Guarded');
      const [clip] = await me.addOk(project, discord('guarded'));
      const jobId = clip!.jobId!;
      const bytes = testMedia('clip.mp4');
      const keyless = await worker.upload(
        { jobId, token: 'x'.repeat(20), filename: 'a.mp4' },
        bytes,
        {
          headers: {},
        },
      );
      expect(keyless.status).toBe(401);
      const unclaimed = await worker.upload(
        { jobId, token: 'x'.repeat(20), filename: 'a.mp4' },
        bytes,
      );
      expect(unclaimed.status).toBe(409);
      const unknown = await worker.upload(
        { jobId: '7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10', token: 'x'.repeat(20), filename: 'a.mp4' },
        bytes,
      );
      expect(unknown.status).toBe(404);
      const token = await worker.claim(jobId);
      const nameless = await worker.upload({ jobId, token }, bytes);
      expect(nameless).toMatchObject({ status: 400, message: expect.stringMatching(/filename/) });
      const huge = await worker.upload(
        { jobId, token, filename: 'big.mp4' },
        Buffer.alloc(5 * 1024 * 1024 + 1),
      );
      expect(huge).toMatchObject({ status: 413, message: expect.stringMatching(/5242880 bytes/) });

      const thumbnailJob = (await me.jobs('thumbnail')).find((j) => j.state === 'queued');
      const thumbToken = await worker.claim(thumbnailJob!.id);
      const wrongKind = await worker.upload(
        { jobId: thumbnailJob!.id, token: thumbToken, filename: 'a.mp4' },
        bytes,
      );
      expect(wrongKind).toMatchObject({
        status: 400,
        message: expect.stringMatching(/thumbnail job/),
      });

      // Cancelled while sending (its clip removed): the next chunk is refused, nothing kept.
      const half = Math.ceil(bytes.length / 2);
      const created = await tusRequest('POST', API_PATHS.worker.uploads, {
        'upload-length': String(bytes.length),
        'upload-metadata': encodeMetadata({ jobId, token, filename: 'a.mp4' }),
      });
      expect(created.status).toBe(201);
      const url = created.headers.get('location')!;
      expect((await tusPatch(url, 0, bytes.subarray(0, half))).status).toBe(204);
      expect((await me.remove(project, clip!.id)).status).toBe(204);
      expect((await me.job(jobId)).state).toBe('cancelled');
      const rest = await tusPatch(url, half, bytes.subarray(half));
      expect(rest.status).toBe(409);
      expect(((await rest.json()) as ErrorBody).message).toMatch(/cancelled; stop working on it/);
      expect(workerUploadFiles()).toEqual([]);
    });
    it('abandons an upload (tus DELETE) only for the claim that started it', async () => {
      const project = await me.project('Abandoned');
      const [clip] = await me.addOk(project, discord('abandoned'));
      const jobId = clip!.jobId!;
      const bytes = testMedia('clip.mp4');
      const half = Math.ceil(bytes.length / 2);
      const startUpload = async (token: string) => {
        const created = await tusRequest('POST', API_PATHS.worker.uploads, {
          'upload-length': String(bytes.length),
          'upload-metadata': encodeMetadata({ jobId, token, filename: 'a.mp4' }),
        });
        expect(created.status).toBe(201);
        const url = created.headers.get('location')!;
        expect((await tusPatch(url, 0, bytes.subarray(0, half))).status).toBe(204);
        return url;
      };
      const remove = (url: string, token?: string) =>
        tusRequest('DELETE', url, token ? { [JOB_TOKEN_HEADER]: token } : {});
      const offset = async (url: string) =>
        (await tusRequest('HEAD', url, {})).headers.get('upload-offset');

      const first = await worker.claim(jobId);
      const url = await startUpload(first);
      for (const refused of [await remove(url), await remove(url, 'x'.repeat(43))]) {
        expect(refused.status).toBe(409);
        expect(((await refused.json()) as ErrorBody).message).toMatch(/another claim/);
      }
      expect(await offset(url)).toBe(String(half));

      // The job goes to a new claim: the first one's token is stale.
      expect((await app.api(API_PATHS.jobCancel(jobId), { method: 'POST' })).status).toBe(200);
      expect((await app.api(API_PATHS.jobRetry(jobId), { method: 'POST' })).status).toBe(200);
      const second = await worker.claim(jobId);
      const stale = await remove(url, first);
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as ErrorBody).message).toMatch(/no longer current/);
      expect(workerUploadFiles()).toHaveLength(2);

      // The claim that started an upload abandons it, also once its job is cancelled.
      const own = await startUpload(second);
      expect((await app.api(API_PATHS.jobCancel(jobId), { method: 'POST' })).status).toBe(200);
      expect((await remove(own, second)).status).toBe(204);
      expect(workerUploadFiles()).toHaveLength(2);
    });
  });

  describe('removing clips and projects', () => {
    it('removing a clip cancels a download only it waited for; its media stays', async () => {
      const [a, b] = [await me.project('Remove A'), await me.project('Remove B')];
      const [alone] = await me.addOk(a, discord('alone'));
      const [sharedA] = await me.addOk(a, discord('both'));
      const [sharedB] = await me.addOk(b, discord('both'));
      expect(sharedB!.jobId).toBe(sharedA!.jobId);

      expect((await me.remove(a, alone!.id)).status).toBe(204);
      expect(await me.job(alone!.jobId!)).toMatchObject({ state: 'cancelled' });
      expect((await me.remove(a, alone!.id)).status).toBe(404);

      expect((await me.remove(a, sharedA!.id)).status).toBe(204);
      expect((await me.job(sharedA!.jobId!)).state).toBe('queued');
      const mediaId = await worker.download(sharedB!.jobId!, testMedia('clip.mov'), 'both.mov');
      expect((await me.clip(b, sharedB!.id))!.state).toBe('ready');
      expect((await me.remove(b, sharedB!.id)).status).toBe(204);
      expect((await me.media(mediaId)).status).toBe(200);
      expect(await me.clips(b)).toEqual([]);
    });

    it('hides every clip route of other users’ projects (404)', async () => {
      const project = await me.project('Mine only');
      const [clip] = await me.addOk(project, discord('private'));
      expect((await other.add(project, [discord('sneaky')])).status).toBe(404);
      expect((await other.call(API_PATHS.projects.clips(project))).status).toBe(404);
      expect((await other.remove(project, clip!.id)).status).toBe(404);
      expect((await other.retry(project, clip!.id)).status).toBe(404);
      expect((await other.thumbnail(clip!.id)).status).toBe(404);
      // A clip named under the wrong project is not found either.
      const elsewhere = await me.project('Wrong parent');
      expect((await me.remove(elsewhere, clip!.id)).status).toBe(404);
      expect((await me.clips(project)).map((c) => c.id)).toEqual([clip!.id]);
      expect((await api(app.baseUrl, API_PATHS.projects.clips(project))).status).toBe(401);
    });

    it('deleting a project deletes its clip media no one else uses, keeps the rest', async () => {
      const [doomed, kept] = [await me.project('Doomed'), await me.project('Kept')];
      const [onlyHere, madeIntro, sharedReady, queued, sharedQueued] = await me.addOk(
        doomed,
        discord('only-here'),
        discord('made-intro'),
        discord('shared-ready'),
        discord('queued'),
        discord('shared-queued'),
      );
      const mediaOnly = await worker.download(onlyHere!.jobId!, testMedia('clip.mp4'), 'only.mp4');
      const mediaIntro = await worker.download(madeIntro!.jobId!, testMedia('clip.webm'), 'i.webm');
      const mediaShared = await worker.download(
        sharedReady!.jobId!,
        testMedia('clip.mov'),
        's.mov',
      );
      const patched = await me.call(API_PATHS.media.item(mediaIntro), {
        method: 'PATCH',
        body: { type: 'intro' },
      });
      expect(patched.status).toBe(200);
      const [reused, waiting] = await me.addOk(
        kept,
        discord('shared-ready'),
        discord('shared-queued'),
      );
      expect(reused).toMatchObject({ reused: true, mediaId: mediaShared });
      expect(waiting!.jobId).toBe(sharedQueued!.jobId);
      const mediaFiles = () =>
        filesUnder(join(app.instanceDir, 'data')).filter((path) => !path.includes('/thumbnails/'));
      const filesBefore = mediaFiles().length;

      expect((await me.deleteProject(doomed)).status).toBe(204);
      expect((await me.getProject(doomed)).status).toBe(404);
      expect((await me.media(mediaOnly)).status).toBe(404);
      expect(mediaFiles()).toHaveLength(filesBefore - 1);
      expect((await me.media(mediaIntro)).body.type).toBe('intro');
      expect((await me.media(mediaShared)).status).toBe(200);
      expect((await me.job(queued!.jobId!)).state).toBe('cancelled');
      expect((await me.job(sharedQueued!.jobId!)).state).toBe('queued');
      expect((await me.clips(kept)).map((c) => [c.state, c.mediaId])).toEqual([
        ['ready', mediaShared],
        ['queued', null],
      ]);
      expect((await me.getProject(kept)).body.clipCount).toBe(2);
    });
  });
});

describe('clips from other sites (ALLOW_EXTERNAL_URLS=true)', () => {
  const redis = createRedisPrefix('clips_ext');
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  const me = client(
    () => app,
    () => token,
  );

  beforeAll(async () => {
    db = await createTestDatabase('clips_ext');
    // Redis and no worker: jobs wait in the queue, nothing is fetched.
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      ALLOW_EXTERNAL_URLS: 'true',
    });
    [token] = await registerUsers(app, 'clips_ext');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('accepts them, dedups without tracking parameters, refuses private addresses', async () => {
    const project = await me.project('External');
    const urls = [
      'https://Videos.Example.com/a/clip.mp4?b=2&utm_source=feed&a=1#t=3',
      'https://videos.example.com/a/clip.mp4?a=1&b=2&fbclid=xyz',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/clip.mp4',
      'http://[::1]:8080/clip.mp4',
    ];
    const { status, body } = await me.add(project, urls);
    expect(status).toBe(201);
    expect(body.accepted).toEqual([
      expect.objectContaining({
        source: 'external',
        sourceUrl: 'https://videos.example.com/a/clip.mp4?b=2&utm_source=feed&a=1',
        normalizedUrl: 'https://videos.example.com/a/clip.mp4?a=1&b=2',
        state: 'queued',
      }),
    ]);
    expect(body.rejected).toEqual([
      { url: urls[1], reason: 'duplicate-in-request', message: expect.any(String) },
      { url: urls[2], reason: 'unsupported-source', message: 'private network address' },
      { url: urls[3], reason: 'unsupported-source', message: 'private network address' },
      { url: urls[4], reason: 'unsupported-source', message: 'private network address' },
    ]);
  });
});

describe('clips downloaded in-process (no Redis)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-clips-'));
  const me = client(
    () => app,
    () => token,
  );

  beforeAll(async () => {
    db = await createTestDatabase('clips_local');
    app = await startTestApp({
      DATABASE_URL: db.url,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    [token] = await registerUsers(app, 'clips_local');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('downloads from a local server once, then reuses the media (hits counted)', async () => {
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(request.url ?? '');
      const bytes = testMedia('clip.mp4');
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length });
      response.end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/clips/served.mp4?utm_source=test`;
      const first = await me.project('Served 1');
      const [clip] = await me.addOk(first, url);
      const ready = await waitFor('the download', async () => {
        const current = await me.clip(first, clip!.id);
        if (current?.state === 'failed') throw new Error(current.error ?? 'failed');
        return current?.state === 'ready' ? current : undefined;
      });
      expect(hits).toEqual(['/clips/served.mp4?utm_source=test']);
      expect((await me.media(ready.mediaId!)).body).toMatchObject({ type: 'clip', width: 320 });
      expect((await me.job(clip!.jobId!)).state).toBe('completed');

      const second = await me.project('Served 2');
      const [again] = await me.addOk(second, `http://127.0.0.1:${port}/clips/served.mp4`);
      expect(again).toMatchObject({ state: 'ready', reused: true, mediaId: ready.mediaId });
      expect(hits).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('takes the file an in-process job saves (a copy) as the media of the clip', async () => {
    const project = await me.project('Local');
    // Nothing listens on port 9 of this machine: the job itself fails at once.
    const [clip] = await me.addOk(project, 'http://127.0.0.1:9/clip.mp4');
    await waitFor('the download to stop', async () =>
      ['failed', 'completed'].includes((await me.job(clip!.jobId!)).state) ? true : undefined,
    );
    expect((await me.clip(project, clip!.id))!.state).toBe('failed');

    const access = app.running.app.get(InProcessMediaAccess).forJob(clip!.jobId!);
    const text = join(scratch, 'page.html');
    writeFileSync(text, '<html><body>not a video</body></html>\n'.repeat(20));
    await expect(access.saveOutput(text, 'page.html')).rejects.toThrow(
      /Only video and image files are accepted/,
    );
    expect(existsSync(text)).toBe(true);
    expect((await me.clip(project, clip!.id))!.mediaId).toBeNull();

    const video = join(scratch, 'clip.mp4');
    writeFileSync(video, testMedia('clip.mp4'));
    const { mediaId } = await access.saveOutput(video, 'clip.mp4');
    expect(existsSync(video)).toBe(true);
    expect(await me.clip(project, clip!.id)).toMatchObject({ state: 'ready', mediaId });
    expect((await me.media(mediaId)).body).toMatchObject({ type: 'clip', name: 'clip.mp4' });
    expect(filesUnder(join(app.instanceDir, 'tmp', 'clip-downloads'))).toEqual([]);
    // A thumbnail follows by itself here (in-process thumbnail job).
    await waitFor('the clip thumbnail', async () =>
      (await me.thumbnail(clip!.id)).status === 200 ? true : undefined,
    );
  });
});
