import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  type ClipDto,
  type CompilationDto,
  type CompilationListDto,
  type HealthDto,
  type JobDto,
  type MediaListDto,
} from '@clippyfront/shared';
import { clipsClient as client, giveTier, registerUsers } from './support/clips-client.js';
import { childProcesses } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia, testMedia, uploadMedia } from './support/test-media.js';
import { colourAt, decodeErrors, probeVideo } from './support/video-check.js';

type ErrorBody = { statusCode: number; message: string | string[] };
const UNKNOWN = '7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10';

/** ffmpeg processes that are children of this test process (the in-process jobs run here). */
const ffmpegChildren = () =>
  childProcesses(process.pid, 'comm').filter((name) => name.startsWith('ffmpeg'));

describe('compile (real PostgreSQL + ffmpeg, jobs in-process)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let otherToken: string;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  const downloads = mkdtempSync(join(tmpdir(), 'clippyfront-compiled-'));
  const me = client(
    () => app,
    () => token,
  );
  const other = client(
    () => app,
    () => otherToken,
  );
  const compile = (who: typeof me, projectId: string, body: unknown = {}) =>
    who.call<CompilationDto & ErrorBody>(API_PATHS.projects.compile(projectId), { body });
  const compilations = async (projectId: string) =>
    (await me.call<CompilationListDto>(API_PATHS.projects.compilations(projectId))).body.items;
  const finished = (projectId: string, id: string, timeoutMs = 120_000) =>
    waitFor(
      `compilation ${id}`,
      async () => {
        const found = (await compilations(projectId)).find((c) => c.id === id);
        return found && ['completed', 'failed', 'cancelled'].includes(found.state)
          ? found
          : undefined;
      },
      timeoutMs,
    );

  const upload = async (type: string, recipe = 'clip.mp4') => {
    const { status, body } = await uploadMedia(
      app.baseUrl,
      token,
      testMedia(recipe),
      `${type}.mp4`,
      {
        type,
      },
    );
    if (status !== 201) throw new Error(`upload ${type}: ${status} ${JSON.stringify(body)}`);
    return (body as { id: string }).id;
  };

  /** Adds clips served from these recipes; waits until they are ready. */
  const readyClips = (projectId: string, recipes: string[]) =>
    me.addReady(projectId, ...recipes.map((recipe) => host.url(recipe)));

  const download = async (mediaId: string, name: string) => {
    const response = await fetch(`${app.baseUrl}${API_PATHS.media.stream(mediaId)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const path = join(downloads, name);
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    return path;
  };

  beforeAll(async () => {
    host = await serveTestMedia();
    db = await createTestDatabase('compile');
    app = await startTestApp({
      DATABASE_URL: db.url,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      COMPILE_CACHE_DIR: join(downloads, 'cache'),
    });
    [token, otherToken] = await registerUsers(app, 'compile_user', 'compile_other');
    // Every output the project form offers, no watermark (tier rules: tier-compile.int-spec).
    await giveTier(app, 'Pro', token, otherToken);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    host?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('shows the compile encoder in health (libx264 here: no GPU)', async () => {
    const { body } = await app.api<HealthDto>(API_PATHS.health);
    expect(body.ffmpeg.encoder).toEqual({ encoder: 'libx264', reason: expect.any(String) });
  });

  describe('a project with intro, outro, a transition and two clips', () => {
    let project: string;
    let red: ClipDto;
    let blue: ClipDto;
    let done: CompilationDto;
    let output: string;

    beforeAll(async () => {
      project = await me.project('Best of the week');
      [red, blue] = await readyClips(project, ['red-1080p60.mp4', 'blue-720p30-silent.mp4']);
      const arrangement = {
        introId: await upload('intro'),
        outroId: await upload('outro'),
        transitionIds: [await upload('transition')],
        randomizeTransitions: false,
      };
      const put = await me.call(API_PATHS.projects.arrangement(project), {
        method: 'PUT',
        body: arrangement,
      });
      expect(put.status).toBe(200);
      // The timeline's order, not the order the clips were added in.
      const timeline = await me.call(API_PATHS.projects.timeline(project), {
        method: 'PUT',
        body: { clipIds: [blue.id, red.id] },
      });
      expect(timeline.status).toBe(200);
    });

    it('renders it into a compilation media item of the project', async () => {
      const started = await compile(me, project, { resolution: '720p', fps: 30, quality: 'small' });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({
        projectId: project,
        state: expect.stringMatching(/queued|running/),
        settings: { resolution: '720p', fps: 30, quality: 'small' },
        media: null,
        output: null,
      });
      done = await finished(project, started.body.id);
      expect(done).toMatchObject({ state: 'completed', progress: 100, error: null });
      expect(done.media).toMatchObject({ type: 'compilation', name: 'Best of the week' });
      expect(done.output).toMatchObject({ encoder: 'libx264', renderSeconds: expect.any(Number) });
      expect(done.output!.renderSeconds).toBeGreaterThan(0);

      const library = await me.call<MediaListDto>(`${API_PATHS.media.list}?type=compilation`);
      expect(library.body.items.map((m) => m.id)).toEqual([done.media!.id]);
      await waitFor('the thumbnail', async () =>
        (await me.media(done.media!.id)).body.hasThumbnail ? true : undefined,
      );
    });

    it('follows the sequence: intro, S, blue, S, transition, S, red, S, outro', async () => {
      output = await download(done.media!.id, 'first.mp4');
      const probed = await probeVideo(output);
      expect(probed.video).toMatchObject({ width: 1280, height: 720, fps: 30 });
      // Five 2 s segments and four 0.5 s bumpers.
      expect(probed.durationSeconds).toBeCloseTo(12, 0);
      expect(Math.abs(probed.durationSeconds - 12)).toBeLessThanOrEqual(0.1);
      expect(
        Math.abs(probed.video.durationSeconds - probed.audio!.durationSeconds),
      ).toBeLessThanOrEqual(0.05);
      expect(await decodeErrors(output)).toBe('');
      const blueAt = await colourAt(output, 3.5);
      const redAt = await colourAt(output, 8.5);
      expect(blueAt[2]).toBeGreaterThan(150);
      expect(blueAt[0]).toBeLessThan(80);
      expect(redAt[0]).toBeGreaterThan(150);
      expect(redAt[2]).toBeLessThan(80);
    });

    it('writes chapters into the MP4 and as YouTube-ready text', async () => {
      const titles = (await probeVideo(output)).chapters.map((c) => c.title);
      expect(titles[0]).toBe('Intro');
      expect(titles.at(-1)).toBe('Outro');
      expect(titles).toHaveLength(4);
      expect(done.output!.chapters.map((c) => c.title)).toEqual(titles);
      const response = await fetch(
        `${app.baseUrl}${API_PATHS.projects.compilationChapters(project, done.id)}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(response.headers.get('content-disposition')).toMatch(
        /attachment; filename=.*chapters\.txt/,
      );
      const text = await response.text();
      expect(text).toBe(done.output!.chaptersText);
      expect(text.split('\n')[0]).toBe('00:00 Intro');
      expect(text.split('\n').filter(Boolean)).toHaveLength(4);
    });

    it('records the render on the job, with a readable log', async () => {
      const job = await me.job(done.jobId!);
      expect(job).toMatchObject({ kind: 'compile', queue: 'gpu', state: 'completed' });
      expect(job.result).toMatchObject({
        mediaId: done.media!.id,
        renderSeconds: expect.any(Number),
      });
      expect(job.log).toEqual(
        expect.arrayContaining([
          'Starting',
          'Preparing clips',
          'Compiling final video',
          expect.stringMatching(/^Processing clip 1\/2: /),
          expect.stringMatching(/^Concatenating: .+ \(2 of 9\)$/),
          'Saving output: Best_of_the_week.mp4',
        ]),
      );
    });

    it('reuses the cached intro, outro, transition and bumper the second time', async () => {
      const again = await compile(me, project, { resolution: '720p', fps: 30, quality: 'small' });
      expect(again.status).toBe(201);
      const second = await finished(project, again.body.id);
      expect(second.state).toBe('completed');
      const log = (await me.job(second.jobId!)).log;
      expect(log.filter((line) => line.includes('reused from cache'))).toHaveLength(4);
      const list = await compilations(project);
      expect(list.map((c) => c.id)).toEqual([second.id, done.id]);
    });

    it('renders WebM (VP9 + Opus) and MKV (H.264 + AAC) with chapters, served as such', async () => {
      for (const [settings, container, codecs, mime] of [
        [{ resolution: '720p', fps: 25, format: 'webm' }, 'webm', 'vp9+opus', 'video/webm'],
        [{ resolution: '720p', fps: 50, format: 'mkv' }, 'matroska', 'h264+aac', 'video/matroska'],
      ] as const) {
        const started = await compile(me, project, { ...settings, quality: 'small' });
        expect(started.status).toBe(201);
        expect(started.body.settings).toEqual({ ...settings, quality: 'small' });
        const made = await finished(project, started.body.id, 240_000);
        expect(made).toMatchObject({ state: 'completed', error: null });
        expect(made.media).toMatchObject({
          type: 'compilation',
          mimeType: mime,
          width: 1280,
          height: 720,
          fps: settings.fps,
        });
        const job = await me.job(made.jobId!);
        expect(job.log).toContain(`Saving output: Best_of_the_week.${settings.format}`);
        const response = await fetch(`${app.baseUrl}${API_PATHS.media.stream(made.media!.id)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.headers.get('content-type')).toBe(mime);
        const file = join(downloads, `formats.${settings.format}`);
        writeFileSync(file, Buffer.from(await response.arrayBuffer()));
        const probed = await probeVideo(file);
        expect(probed.formatName).toContain(container);
        expect(`${probed.video.codec}+${probed.audio!.codec}`).toBe(codecs);
        expect(probed.video).toMatchObject({ width: 1280, height: 720, fps: settings.fps });
        // Five 2 s segments and four bumpers of 0.5 s in whole frames (13 at 25 fps).
        const expected = 10 + (4 * Math.round(0.5 * settings.fps)) / settings.fps;
        expect(Math.abs(probed.durationSeconds - expected)).toBeLessThanOrEqual(0.1);
        expect(probed.chapters.map((c) => c.title)).toEqual(
          made.output!.chapters.map((c) => c.title),
        );
        expect(probed.chapters).toHaveLength(4);
        expect(await decodeErrors(file)).toBe('');
      }
    }, 600_000);

    it('names clips in chapters by their title or file name, never "Clip n"', () => {
      const clipTitles = done.output!.chapters.slice(1, -1).map((c) => c.title);
      expect(clipTitles).toHaveLength(2);
      const expected = [blue, red].map(
        (clip) => clip.title ?? expect.stringMatching(clip === blue ? /blue/ : /red/),
      );
      expect(clipTitles).toEqual(expected);
      expect(clipTitles.join()).not.toMatch(/Clip \d/);
    });

    it('refuses bad settings with 400 and names the field', async () => {
      for (const [body, field] of [
        [{ resolution: '4k' }, 'resolution'],
        [{ resolution: '480p' }, 'resolution'],
        [{ fps: 29 }, 'fps'],
        [{ fps: 120 }, 'fps'],
        [{ format: 'avi' }, 'format'],
        [{ format: 'MP4' }, 'format'],
        [{ fps: '30' }, 'fps'],
        [{ quality: 'ultra' }, 'quality'],
        [{ colour: 'red' }, 'colour'],
      ] as const) {
        const refused = await compile(me, project, body);
        expect(refused.status).toBe(400);
        expect(String(refused.body.message)).toContain(field);
      }
    });

    it('hides the project and its compilations from other users (404)', async () => {
      expect((await compile(other, project)).status).toBe(404);
      const list = await other.call(API_PATHS.projects.compilations(project));
      expect(list.status).toBe(404);
      const chapters = await other.call(API_PATHS.projects.compilationChapters(project, done.id));
      expect(chapters.status).toBe(404);
      expect((await me.call(API_PATHS.projects.compilation(project, UNKNOWN))).status).toBe(404);
      expect((await compile(me, UNKNOWN)).status).toBe(404);
    });
  });

  it('refuses an empty timeline with 400 and queues nothing', async () => {
    const project = await me.project('Nothing yet');
    const before = (await me.jobs('compile')).length;
    const refused = await compile(me, project);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/timeline is empty/);
    expect((await me.jobs('compile')).length).toBe(before);
    expect(await compilations(project)).toEqual([]);
  });

  it('cancels a running compile (no ffmpeg left, no temp files, no media), then retries it', async () => {
    const project = await me.project('Long one');
    const [long] = await readyClips(project, ['green-long.mp4']);
    await me.call(API_PATHS.projects.timeline(project), {
      method: 'PUT',
      body: { clipIds: [long!.id] },
    });
    const started = await compile(me, project, { resolution: '1080p', fps: 60, quality: 'high' });
    expect(started.status).toBe(201);
    const conflict = await compile(me, project);
    expect(conflict.status).toBe(409);
    await waitFor('the clip to be processed', async () =>
      (await me.job(started.body.jobId!)).log.some((line) => line.startsWith('Processing clip'))
        ? true
        : undefined,
    );
    expect(ffmpegChildren().length).toBeGreaterThan(0);
    const cancel = await me.call<JobDto>(API_PATHS.jobCancel(started.body.jobId!), { body: {} });
    expect(cancel.status).toBe(200);
    const cancelled = await finished(project, started.body.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', media: null, output: null });
    await waitFor('ffmpeg to be gone', async () => (ffmpegChildren().length ? undefined : true));
    await waitFor('the job folder to be removed', async () =>
      readdirSync(tmpdir()).some((name) => name.startsWith('clippyfront-compile-'))
        ? undefined
        : true,
    );
    const retried = await me.call<JobDto>(API_PATHS.jobRetry(started.body.jobId!), { body: {} });
    expect(retried.status).toBe(200);
    const done = await finished(project, started.body.id, 240_000);
    expect(done.state).toBe('completed');
    expect(done.media).toMatchObject({ type: 'compilation' });
    expect((await probeVideo(await download(done.media!.id, 'long.mp4'))).video).toMatchObject({
      width: 1920,
      height: 1080,
      fps: 60,
    });
  }, 300_000);
});
