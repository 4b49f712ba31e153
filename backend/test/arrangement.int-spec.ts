import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_PATHS,
  type ArrangementDto,
  type ClipDto,
  type TimelineDto,
  type TimelineRefusedDto,
} from '@clippyfront/shared';
import { clipsClient as client, registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';

type ErrorBody = { statusCode: number; message: string | string[] };
const UNKNOWN = '7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10';

describe('arrangement and timeline (real PostgreSQL, clips downloaded in-process)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let otherToken: string;
  let server: Server;
  let port: number;
  let served = 0;
  const me = client(
    () => app,
    () => token,
  );
  const other = client(
    () => app,
    () => otherToken,
  );

  const arrangement = (who: typeof me, projectId: string, body?: unknown) =>
    who.call<ArrangementDto & ErrorBody>(API_PATHS.projects.arrangement(projectId), {
      ...(body !== undefined && { method: 'PUT', body }),
    });
  const timeline = (who: typeof me, projectId: string, clipIds?: unknown) =>
    who.call<TimelineDto & TimelineRefusedDto>(API_PATHS.projects.timeline(projectId), {
      ...(clipIds !== undefined && { method: 'PUT', body: { clipIds } }),
    });
  const order = async (projectId: string) =>
    (await timeline(me, projectId)).body.items.map((item) => item.id);

  /** Uploads a 2 s test video (or an image) as media of this type; answers its id. */
  const upload = async (as: string, type: string, name = `${type}.mp4`) => {
    const bytes = testMedia(name.endsWith('.png') ? 'still.png' : 'clip.mp4');
    const { status, body } = await uploadMedia(app.baseUrl, as, bytes, name, { type });
    if (status !== 201) throw new Error(`upload ${type}: ${status} ${JSON.stringify(body)}`);
    return (body as { id: string }).id;
  };

  /** Adds `count` clips served by the local server and waits until all are ready. */
  const readyClips = (projectId: string, count: number): Promise<ClipDto[]> =>
    me.addReady(
      projectId,
      ...Array.from({ length: count }, () => `http://127.0.0.1:${port}/clips/${++served}.mp4`),
    );

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (!request.url?.startsWith('/clips/')) return response.writeHead(404).end();
      const bytes = testMedia('clip.mp4');
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length });
      response.end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    db = await createTestDatabase('arrangement');
    app = await startTestApp({
      DATABASE_URL: db.url,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    [token, otherToken] = await registerUsers(app, 'arrange_user', 'arrange_other');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    server?.close();
  });

  describe('arrangement', () => {
    let project: string;
    let intro: string;
    let outro: string;
    let transitions: string[];

    beforeAll(async () => {
      project = await me.project('Arranged');
      intro = await upload(token, 'intro');
      outro = await upload(token, 'outro');
      transitions = [await upload(token, 'transition'), await upload(token, 'transition')];
    });

    it('starts empty, then keeps what is set (transitions in their order)', async () => {
      expect((await arrangement(me, project)).body).toEqual({
        introId: null,
        outroId: null,
        transitionIds: [],
        randomizeTransitions: false,
      });
      const wanted = {
        introId: intro,
        outroId: outro,
        transitionIds: [transitions[1], transitions[0]],
        randomizeTransitions: true,
      };
      const put = await arrangement(me, project, wanted);
      expect(put.status).toBe(200);
      expect(put.body).toEqual(wanted);
      expect((await arrangement(me, project)).body).toEqual(wanted);

      const cleared = {
        introId: null,
        outroId: outro,
        transitionIds: [],
        randomizeTransitions: false,
      };
      expect((await arrangement(me, project, cleared)).body).toEqual(cleared);
      expect((await arrangement(me, project)).body).toEqual(cleared);
    });

    it('refuses media of the wrong type with 400, naming it', async () => {
      const image = await upload(token, 'image', 'logo.png');
      const [clip] = await readyClips(await me.project('Clip source'), 1);
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ introId: outro }, /is an outro, not an intro/],
        [{ outroId: intro }, /is an intro, not an outro/],
        [{ introId: image }, /logo\.png.*is an image, not an intro/],
        [{ transitionIds: [transitions[0], clip!.mediaId] }, /is a clip, not a transition/],
      ];
      for (const [change, message] of cases) {
        const body = { introId: null, outroId: null, transitionIds: [], ...change };
        const put = await arrangement(me, project, { ...body, randomizeTransitions: false });
        expect(put.status).toBe(400);
        expect(String(put.body.message)).toMatch(message);
      }
    });

    it('answers 404 for someone else’s media or an unknown id, 400 for repeats', async () => {
      const theirs = await upload(otherToken, 'intro');
      const base = { introId: null, outroId: null, transitionIds: [], randomizeTransitions: false };
      const foreign = await arrangement(me, project, { ...base, introId: theirs });
      expect(foreign.status).toBe(404);
      expect(foreign.body.message).toBe(`Media not found: ${theirs}`);
      expect((await arrangement(me, project, { ...base, outroId: UNKNOWN })).status).toBe(404);
      const unknownTransition = await arrangement(me, project, {
        ...base,
        transitionIds: [transitions[0], UNKNOWN],
      });
      expect(unknownTransition.status).toBe(404);
      const repeated = await arrangement(me, project, {
        ...base,
        transitionIds: [transitions[0], transitions[1], transitions[0]],
      });
      expect(repeated.status).toBe(400);
      expect(repeated.body.message).toMatch(/more than once: .*/);
      expect(repeated.body.message).toContain(transitions[0]);
    });

    it.each([
      [
        { outroId: null, transitionIds: [], randomizeTransitions: false },
        /introId must be a UUID or null/,
      ],
      [{ introId: 'x', outroId: null, transitionIds: [], randomizeTransitions: false }, /introId/],
      [
        { introId: null, outroId: null, transitionIds: ['x'], randomizeTransitions: false },
        /transitionIds/,
      ],
      [
        { introId: null, outroId: null, transitionIds: 'a', randomizeTransitions: false },
        /transitionIds/,
      ],
      [
        { introId: null, outroId: null, transitionIds: [] },
        /randomizeTransitions must be a boolean/,
      ],
      [{ introId: null, outroId: null, transitionIds: [], randomizeTransitions: 'yes' }, /boolean/],
      [
        { introId: null, outroId: null, transitionIds: [], randomizeTransitions: true, x: 1 },
        /property x should not exist/,
      ],
    ])('validates the body (400): %j', async (body, message) => {
      const put = await arrangement(me, project, body);
      expect(put.status).toBe(400);
      expect(String(put.body.message)).toMatch(message);
    });

    it('leaves out media that was deleted or changed type since', async () => {
      const doomedIntro = await upload(token, 'intro');
      const [kept, retyped, deleted] = [
        await upload(token, 'transition'),
        await upload(token, 'transition'),
        await upload(token, 'transition'),
      ];
      const wanted = {
        introId: doomedIntro,
        outroId: outro,
        transitionIds: [kept, retyped, deleted],
        randomizeTransitions: false,
      };
      expect((await arrangement(me, project, wanted)).status).toBe(200);
      expect((await me.call(API_PATHS.media.item(doomedIntro), { method: 'DELETE' })).status).toBe(
        204,
      );
      expect((await me.call(API_PATHS.media.item(deleted), { method: 'DELETE' })).status).toBe(204);
      const patched = await me.call(API_PATHS.media.item(retyped), {
        method: 'PATCH',
        body: { type: 'outro' },
      });
      expect(patched.status).toBe(200);
      expect((await arrangement(me, project)).body).toEqual({
        introId: null,
        outroId: outro,
        transitionIds: [kept],
        randomizeTransitions: false,
      });
    });

    it('hides other users’ projects (404); admins may arrange them with the owner’s media', async () => {
      const base = { introId: null, outroId: null, transitionIds: [], randomizeTransitions: false };
      expect((await arrangement(other, project)).status).toBe(404);
      expect((await arrangement(other, project, base)).status).toBe(404);
      expect((await arrangement(me, UNKNOWN)).status).toBe(404);
      expect((await arrangement(me, 'not-a-uuid')).status).toBe(400);
      const admin = await app.api<ArrangementDto>(API_PATHS.projects.arrangement(project), {
        method: 'PUT',
        body: { ...base, introId: intro },
      });
      expect(admin.status).toBe(200);
      expect(admin.body.introId).toBe(intro);
    });
  });

  describe('timeline', () => {
    it('starts empty; takes ready clips in the exact order sent and keeps it', async () => {
      const project = await me.project('Timeline');
      expect((await timeline(me, project)).body).toEqual({
        items: [],
        totalSeconds: 0,
        maxClipSeconds: 30,
      });
      const [a, b, c] = await readyClips(project, 3);
      const put = await timeline(me, project, [c!.id, a!.id, b!.id]);
      expect(put.status).toBe(200);
      expect(put.body.items.map((item) => item.id)).toEqual([c!.id, a!.id, b!.id]);
      const first = put.body.items[0]!;
      expect(first).toMatchObject({
        id: c!.id,
        projectId: project,
        state: 'ready',
        mediaId: c!.mediaId,
        hasThumbnail: expect.any(Boolean),
        sourceUrl: c!.sourceUrl,
        title: null, // external links have no platform metadata
      });
      expect(first.durationSeconds).toBeCloseTo(2, 0);
      expect(first.playSeconds).toBe(first.durationSeconds);
      expect(put.body.totalSeconds).toBeCloseTo(
        put.body.items.reduce((sum, item) => sum + item.durationSeconds!, 0),
        6,
      );
      expect(await order(project)).toEqual([c!.id, a!.id, b!.id]);

      // Reordered, then an item removed by leaving it out.
      expect((await timeline(me, project, [b!.id, c!.id, a!.id])).status).toBe(200);
      expect(await order(project)).toEqual([b!.id, c!.id, a!.id]);
      expect((await timeline(me, project, [b!.id, a!.id])).status).toBe(200);
      expect(await order(project)).toEqual([b!.id, a!.id]);
      expect((await timeline(me, project, [])).body.items).toEqual([]);
    });

    it('cuts each clip to the project’s maxClipSeconds in the running time', async () => {
      const project = await me.project('Short cuts');
      const clips = await readyClips(project, 2);
      await me.call(API_PATHS.projects.item(project), {
        method: 'PATCH',
        body: { output: { maxClipSeconds: 1 } },
      });
      const { body } = await timeline(
        me,
        project,
        clips.map((clip) => clip.id),
      );
      expect(body.maxClipSeconds).toBe(1);
      expect(body.items.map((item) => item.playSeconds)).toEqual([1, 1]);
      expect(body.totalSeconds).toBe(2);
    });

    it('refuses duplicates, clips of other projects, unknown and unready clips (400, nothing changes)', async () => {
      const project = await me.project('Refusals');
      const [a, b] = await readyClips(project, 2);
      const [elsewhere] = await readyClips(await me.project('Elsewhere'), 1);
      // Nothing listens on port 9: this clip's download fails.
      const [broken] = await me.addOk(project, 'http://127.0.0.1:9/broken.mp4');
      await waitFor('the failed download', async () =>
        (await me.clip(project, broken!.id))?.state === 'failed' ? true : undefined,
      );
      expect((await timeline(me, project, [a!.id, b!.id])).status).toBe(200);

      const refused = await timeline(me, project, [
        b!.id,
        a!.id,
        b!.id,
        elsewhere!.id,
        UNKNOWN,
        broken!.id,
      ]);
      expect(refused.status).toBe(400);
      expect(refused.body.refused).toEqual([
        { clipId: b!.id, reason: 'duplicate', message: 'Listed more than once' },
        { clipId: elsewhere!.id, reason: 'not-in-project', message: 'Not a clip of this project' },
        { clipId: UNKNOWN, reason: 'not-in-project', message: 'Not a clip of this project' },
        {
          clipId: broken!.id,
          reason: 'not-ready',
          message: 'The clip is failed; only ready clips can be on the timeline',
        },
      ]);
      expect(refused.body.message).toMatch(/^The timeline was not changed: /);
      expect(await order(project)).toEqual([a!.id, b!.id]);

      const notReady = await timeline(me, project, [broken!.id]);
      expect(notReady.status).toBe(400);
      expect(notReady.body.refused.map((r) => r.reason)).toEqual(['not-ready']);
      expect((await timeline(me, project, ['nope'])).status).toBe(400);
      expect(
        (await me.call(API_PATHS.projects.timeline(project), { method: 'PUT', body: {} })).status,
      ).toBe(400);
      expect(await order(project)).toEqual([a!.id, b!.id]);
    });

    it('drops a deleted clip; does not add a newly ready one by itself', async () => {
      const project = await me.project('Deletions');
      const [a, b, c] = await readyClips(project, 3);
      await timeline(me, project, [a!.id, b!.id, c!.id]);
      expect((await me.remove(project, b!.id)).status).toBe(204);
      expect(await order(project)).toEqual([a!.id, c!.id]);
      const [late] = await readyClips(project, 1);
      expect(await order(project)).toEqual([a!.id, c!.id]);
      expect((await timeline(me, project, [late!.id, a!.id, c!.id])).status).toBe(200);
      expect(await order(project)).toEqual([late!.id, a!.id, c!.id]);
    });

    it('drops a clip whose file is deleted; retried, it is ready again but off the timeline', async () => {
      const project = await me.project('Lost file');
      const [a, b] = await readyClips(project, 2);
      await timeline(me, project, [a!.id, b!.id]);
      expect((await me.call(API_PATHS.media.item(a!.mediaId!), { method: 'DELETE' })).status).toBe(
        204,
      );
      expect(await order(project)).toEqual([b!.id]);
      expect((await me.retry(project, a!.id)).status).toBe(200);
      await waitFor('the downloaded-again clip', async () =>
        (await me.clip(project, a!.id))?.state === 'ready' ? true : undefined,
      );
      expect(await order(project)).toEqual([b!.id]);
    });

    it('serializes concurrent changes: every PUT succeeds and one order wins whole', async () => {
      const project = await me.project('Races');
      const clips = (await readyClips(project, 4)).map((clip) => clip.id);
      const orders = Array.from({ length: 8 }, (_, i) =>
        clips.map((_, j) => clips[(i + j) % clips.length]!).slice(0, 2 + (i % 3)),
      );
      const answers = await Promise.all(orders.map((ids) => timeline(me, project, ids)));
      expect(answers.map((answer) => answer.status)).toEqual(orders.map(() => 200));
      expect(orders).toContainEqual(await order(project));
    });

    it('hides other users’ projects (404)', async () => {
      const project = await me.project('Private timeline');
      const [a] = await readyClips(project, 1);
      expect((await timeline(other, project)).status).toBe(404);
      expect((await timeline(other, project, [a!.id])).status).toBe(404);
      expect((await timeline(me, UNKNOWN)).status).toBe(404);
      expect((await timeline(me, UNKNOWN, [])).status).toBe(404);
      expect(await order(project)).toEqual([]);
      // Someone else's project's clip is not a clip of mine.
      const theirs = await other.project('Theirs');
      const refused = await timeline(other, theirs, [a!.id]);
      expect(refused.status).toBe(400);
      expect(refused.body.refused[0]!.reason).toBe('not-in-project');
    });
  });
});
