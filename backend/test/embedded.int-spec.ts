import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PATHS, type HealthDto, type JobDto } from '@clippyfront/shared';
import { tempInstanceDir } from './support/files.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';

const finished = (app: TestApp, id: string) =>
  waitFor(`job ${id} to finish`, async () => {
    const { body } = await app.api<JobDto>(API_PATHS.job(id));
    return ['completed', 'failed'].includes(body.state) ? body : undefined;
  });

describe('embedded default: PostgreSQL server + in-process jobs, no DATABASE_URL or REDIS_URL', () => {
  const instanceDir = tempInstanceDir('clippyfront-embedded-');
  let app: TestApp | undefined;

  afterAll(async () => {
    await app?.close({ keepInstance: true });
    rmSync(instanceDir, { recursive: true, force: true });
  });

  it('runs a probe job, and keeps it across a restart', async () => {
    app = await startTestApp({}, instanceDir);
    const health = (await app.api<HealthDto>(API_PATHS.health)).body;
    expect(health.database).toEqual({ status: 'up', mode: 'embedded' });
    expect(health.redis.status).toBe('embedded');
    expect(health.jobs.mode).toBe('in-process');

    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 1, width: 96, height: 64, fps: 8 },
    });
    const done = await finished(app, created.body.id);
    expect(done.state).toBe('completed');
    expect(done.result).toMatchObject({ video: { width: 96, height: 64 } });

    // A job cut off by the restart is run again by the next process.
    const interrupted = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 10, width: 1920, height: 1080, fps: 60 },
    });
    await waitFor('long job to start', async () => {
      const { body } = await app!.api<JobDto>(API_PATHS.job(interrupted.body.id));
      return body.state === 'running' ? true : undefined;
    });
    await app.close({ keepInstance: true });
    // What a process killed in the middle of a job leaves: its job folder, removed at start.
    const orphan = join(tmpdir(), `clippyfront-probe-${spawnSync('true').pid}-Orphan`);
    mkdirSync(orphan);

    app = await startTestApp({}, instanceDir);
    expect(existsSync(orphan)).toBe(false);
    const again = await app.api<JobDto>(API_PATHS.job(done.id));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ state: 'completed', result: done.result });
    const resumed = await app.api<JobDto>(API_PATHS.job(interrupted.body.id));
    expect(['queued', 'running']).toContain(resumed.body.state);
    expect(resumed.body.log).toEqual(
      expect.arrayContaining([expect.stringMatching(/stopped reporting; attempt 1 of 3/)]),
    );
    await app.api(API_PATHS.jobCancel(interrupted.body.id), { method: 'POST' });
  });

  it('refuses a second process on the same embedded database instead of corrupting it', async () => {
    await expect(startTestApp({}, instanceDir)).rejects.toThrow(
      /in use by another ClippyFront process/,
    );
    const { status } = await app!.api(API_PATHS.health);
    expect(status).toBe(200);
  }, 60_000);

  it('without ffmpeg: starts, says so in health, and the job fails with a clear error', async () => {
    await app?.close({ keepInstance: true });
    app = await startTestApp({ FFMPEG_BINARY: '/nonexistent/ffmpeg' }, instanceDir);
    const health = (await app.api<HealthDto>(API_PATHS.health)).body;
    expect(health.ffmpeg).toMatchObject({ available: false, version: null, ffmpegPath: null });

    const created = await app.api<JobDto>(API_PATHS.probe, { body: {} });
    const failed = await finished(app, created.body.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(
      /ffmpeg is not available: FFMPEG_BINARY=\/nonexistent\/ffmpeg is not an executable file/,
    );
  });
});
