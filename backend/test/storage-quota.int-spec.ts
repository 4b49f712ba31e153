import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { API_PATHS, type DownloadPayload, type MediaUsageDto } from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { defaultTierUsesStorageQuota } from './support/tiers.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';
import { filesUnder } from './support/files.js';

type QuotaError = {
  statusCode: number;
  message: string;
  remainingBytes: number;
  limitBytes: number;
};

describe('per-user storage quota (STORAGE_QUOTA)', () => {
  const clip = testMedia('clip.mp4');
  const png = testMedia('still.png');
  const limit = clip.length + png.length + 500;
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let host: Server;
  let hostUrl: string;
  const me = clipsClient(
    () => app,
    () => token,
  );
  const env = (quota: number) => ({
    DATABASE_URL: db.url,
    STORAGE_QUOTA: `${quota}b`,
    ALLOW_EXTERNAL_URLS: 'true',
    DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  const usage = async () =>
    (await me.call<MediaUsageDto>(API_PATHS.media.usage)).body as MediaUsageDto;
  const mediaFiles = () =>
    filesUnder(join(app.instanceDir, 'data')).filter((path) => !path.includes('/thumbnails/'));

  beforeAll(async () => {
    db = await createTestDatabase('quota');
    app = await startTestApp(env(limit));
    await defaultTierUsesStorageQuota(app);
    [token] = await registerUsers(app, 'quota_user');
    host = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': clip.length });
      response.end(clip);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/big.mp4`;
  });

  afterAll(async () => {
    await app?.close();
    host?.close();
    await db?.drop();
  });

  it('refuses an upload that would go over it with 403 and the numbers, keeping nothing', async () => {
    expect(await usage()).toEqual({ usedBytes: 0, count: 0, quotaBytes: limit });
    expect((await uploadMedia(app.baseUrl, token, clip, 'a.mp4')).status).toBe(201);
    expect((await uploadMedia(app.baseUrl, token, png, 'b.png')).status).toBe(201);
    const before = mediaFiles();
    const over = await uploadMedia(app.baseUrl, token, png, 'c.png');
    expect(over.status).toBe(403);
    expect(over.body as QuotaError).toMatchObject({
      statusCode: 403,
      remainingBytes: 500,
      limitBytes: limit,
      message: expect.stringMatching(/Storage quota exceeded/),
    });
    expect(mediaFiles()).toEqual(before);
    expect(filesUnder(join(app.instanceDir, 'tmp', 'uploads'))).toEqual([]);
  });

  it('refuses a resumable upload at creation when its length does not fit', async () => {
    const create = (length: number) =>
      fetch(`${app.baseUrl}${API_PATHS.media.uploads}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'tus-resumable': '1.0.0',
          'upload-length': String(length),
          'upload-metadata': `filename ${Buffer.from('x.mp4').toString('base64')}`,
        },
      });
    const tooBig = await create(501);
    expect(tooBig.status).toBe(403);
    expect((await tooBig.json()) as QuotaError).toEqual({
      statusCode: 403,
      message: expect.stringMatching(/Storage quota exceeded/),
      remainingBytes: 500,
      limitBytes: limit,
    });
    const fits = await create(500);
    expect(fits.status).toBe(201);
    // Unfinished, it holds its room: nothing more fits until it is abandoned.
    expect((await create(1)).status).toBe(403);
    const location = new URL(fits.headers.get('location')!, app.baseUrl);
    const abandoned = await fetch(location, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
    });
    expect(abandoned.status).toBe(204);
    expect((await usage()).usedBytes).toBe(limit - 500);
  });

  it('caps a download at the room left, so an oversized clip fails before it lands', async () => {
    const project = await me.project('Quota');
    const [added] = await me.addOk(project, hostUrl);
    const job = await me.job(added!.jobId!);
    expect((job.payload as DownloadPayload).maxBytes).toBe(500);
    const failed = await waitFor('the download to fail', async () => {
      const current = await me.clip(project, added!.id);
      return current?.state === 'failed' ? current : undefined;
    });
    expect(failed.error).toMatch(/larger|exceed|limit/i);
    expect((await usage()).count).toBe(2);
  });

  it('takes no new clips once the library is full (quota lowered below the usage)', async () => {
    await app.close({ keepInstance: true });
    app = await startTestApp(env(1024), app.instanceDir);
    expect((await usage()).quotaBytes).toBe(1024);
    const project = await me.project('Full');
    const { status, body } = await me.add(project, [hostUrl]);
    expect(status).toBe(403);
    expect(body.message).toMatch(/Storage quota reached/);
  });
});
