import { createHash } from 'node:crypto';
import {
  API_PATHS,
  XSRF_COOKIE,
  XSRF_HEADER,
  type ClipDto,
  type JobListDto,
  type MediaDto,
  type MediaListDto,
  type UserDto,
} from '@clippyfront/shared';
import { clipsClient } from './support/clips-client.js';
import { api, BrowserSession, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia, testMedia } from './support/test-media.js';

/**
 * Many clients at once on the embedded default (no DATABASE_URL, no REDIS_URL): every answer
 * must be the one the same request gets when it runs alone, for the user who sent it.
 */
const CLIENTS = 20;
/** 200: ~40 s of load on 2 busy cores (~75 s the whole file); lower it to shorten the run. */
const REQUESTS_PER_CLIENT = 200;
/** One request that takes longer has hung. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Past this the remaining requests are not sent (and count as mismatches). */
const LOAD_BOUND_MS = 300_000;
/**
 * The jobs the load queued (thumbnails of uploads, one at a time in-process) drain slowly on a
 * busy machine: a job is stuck when none finishes for this long.
 */
const JOBS_STALL_MS = 60_000;
const PASSWORD = 'load-password-123';
/** What each client sends, in turn (each client starts at its own place in it). */
const SCHEDULE = [
  'me',
  'media-list',
  'thumbnail',
  'timeline',
  'clip-add',
  'me',
  'thumbnail',
  'media-list',
  'upload',
  'timeline',
  'me',
  'media-list',
  'thumbnail',
  'timeline',
  'clip-add',
  'me',
  'thumbnail',
  'media-list',
  'clip-add',
  'timeline',
] as const;
type Kind = (typeof SCHEDULE)[number];
type Via = 'session' | 'token';
const VIAS: Via[] = ['session', 'token'];

interface User {
  name: string;
  id: string;
  token: string;
  session: BrowserSession;
  project: string;
  urls: string[];
  clips: ClipDto[];
  /** One project per client of this user: its timeline is that client's alone. */
  clientProjects: Map<number, { id: string; clipIds: string[] }>;
  /** Every string that identifies this user's data: seen in the other user's answer, a leak. */
  marks: Set<string>;
  /** Ids of the media this user's uploads created (201). */
  uploaded: Set<string>;
}

interface Reply {
  status: number;
  contentType: string;
  bytes: Buffer;
}
type Outcome = Reply | { error: string };
type Signature = Record<string, unknown>;

interface Planned {
  kind: Kind;
  user: User;
  via: Via;
  /** Requests with the same key get the same answer. */
  key: string;
  send: () => Promise<Outcome>;
  /** The answer reduced to what identifies it (relative to what was sent). */
  sign: (reply: Reply) => Signature;
  /** What the answer must hold when the request runs alone. */
  alone: Signature;
  /** Requests whose answers must be the same (one thumbnail by its media or by a clip). */
  group?: string;
}

interface Mismatch {
  kind: string;
  user: string;
  category: string;
  detail: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const json = <T>(reply: Reply) => JSON.parse(reply.bytes.toString() || 'null') as T;
const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((item, i) =>
        permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
      );

/** An answer other than the expected status: its status and message. */
function failure(reply: Reply): Signature {
  let message: unknown = reply.bytes.toString().slice(0, 200);
  try {
    message = (JSON.parse(reply.bytes.toString()) as { message?: unknown }).message;
  } catch {
    // not JSON: keep the text
  }
  return { status: reply.status, message };
}

describe('embedded default under load: 20 clients, two users, answers as if alone', () => {
  let app: TestApp;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  const users: User[] = [];
  const upload = testMedia('still.png');
  let uploads = 0;
  let setupSeconds = 0;

  /** One request as this user, by session cookie (with XSRF) or by API token. */
  async function send(
    user: User,
    via: Via,
    path: string,
    init: { method?: string; json?: unknown; form?: FormData } = {},
  ): Promise<Outcome> {
    const auth: Record<string, string> =
      via === 'token'
        ? { authorization: `Bearer ${user.token}` }
        : {
            cookie: user.session.cookieHeader(),
            [XSRF_HEADER]: user.session.cookies.get(XSRF_COOKIE)!,
          };
    try {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
        headers: {
          ...auth,
          ...(init.json !== undefined && { 'content-type': 'application/json' }),
        },
        body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    } catch (error) {
      const { name, message } = error as Error;
      return { error: name === 'TimeoutError' ? 'timeout' : `network error: ${message}` };
    }
  }

  /** The c-th client's j-th request. */
  function plan(c: number, j: number): Planned {
    const user = users[c % 2]!;
    const kind = SCHEDULE[(c + j) % SCHEDULE.length]!;
    // Each round of the schedule moves on to another target, and swaps session and token.
    const round = Math.floor(j / SCHEDULE.length);
    const via = VIAS[(j + round + Math.floor(c / 2)) % 2]!;
    const base = { kind, user, via };
    const keyOf = (target = '') => `${user.name}|${kind}|${target}|${via}`;
    switch (kind) {
      case 'me':
        return {
          ...base,
          key: keyOf(),
          alone: { status: 200, id: user.id, username: user.name, role: 'user' },
          send: () => send(user, via, API_PATHS.auth.me),
          sign: (reply) => {
            if (reply.status !== 200) return failure(reply);
            const { id, username, role } = json<UserDto>(reply);
            return { status: 200, id, username, role };
          },
        };
      case 'media-list':
        return {
          ...base,
          key: keyOf(),
          alone: {
            status: 200,
            total: user.clips.length,
            ids: user.clips.map((clip) => clip.mediaId).sort(),
          },
          send: () => send(user, via, `${API_PATHS.media.list}?type=clip&limit=200`),
          sign: (reply) => {
            if (reply.status !== 200) return failure(reply);
            const { items, total } = json<MediaListDto>(reply);
            return { status: 200, total, ids: items.map((m) => m.id).sort() };
          },
        };
      case 'thumbnail': {
        // The media's thumbnail, or the same one through a clip.
        const target = (round + c) % (user.clips.length * 2);
        const clip = user.clips[target % user.clips.length]!;
        const byClip = target >= user.clips.length;
        const path = byClip
          ? API_PATHS.clips.thumbnail(clip.id)
          : API_PATHS.media.thumbnail(clip.mediaId!);
        return {
          ...base,
          key: keyOf(path),
          alone: { status: 200, contentType: 'image/jpeg' },
          group: `thumbnail of ${clip.mediaId}`,
          send: () => send(user, via, path),
          sign: (reply) =>
            reply.status !== 200
              ? failure(reply)
              : {
                  status: 200,
                  contentType: reply.contentType,
                  length: reply.bytes.length,
                  sha256: sha256(reply.bytes),
                },
        };
      }
      case 'timeline': {
        const project = user.clientProjects.get(c)!;
        const orders = permutations(project.clipIds);
        const sent = orders[j % orders.length]!;
        return {
          ...base,
          key: keyOf(project.id),
          alone: { status: 200, order: [0, 1, 2] },
          send: () =>
            send(user, via, API_PATHS.projects.timeline(project.id), {
              method: 'PUT',
              json: { clipIds: sent },
            }),
          sign: (reply) => {
            if (reply.status !== 200) return failure(reply);
            const ids = json<{ items: { id: string }[] }>(reply).items.map((item) => item.id);
            // Positions in the order sent; an id that was not sent shows as itself.
            return {
              status: 200,
              order: ids.map((id) => (sent.includes(id) ? sent.indexOf(id) : id)),
            };
          },
        };
      }
      case 'clip-add': {
        const url = user.urls[(round + c) % user.urls.length]!;
        return {
          ...base,
          key: keyOf(url),
          alone: { status: 400, rejected: [{ url, reason: 'already-in-project' }] },
          send: () =>
            send(user, via, API_PATHS.projects.clips(user.project), { json: { urls: [url] } }),
          sign: (reply) => {
            const body = json<{ accepted?: unknown[]; rejected?: unknown; message?: unknown }>(
              reply,
            );
            return reply.status === 400 && body?.rejected
              ? { status: 400, rejected: body.rejected, message: body.message }
              : failure(reply);
          },
        };
      }
      case 'upload': {
        const name = `${user.name} upload ${++uploads}`;
        return {
          ...base,
          key: keyOf(),
          alone: { status: 201, name: '(the name sent)', type: 'image', width: 64, height: 48 },
          send: () => {
            const form = new FormData();
            form.append('type', 'image');
            form.append('name', name);
            form.append('file', new Blob([new Uint8Array(upload)]), 'still.png');
            return send(user, via, API_PATHS.media.list, { form });
          },
          sign: (reply) => {
            if (reply.status !== 201) return failure(reply);
            const media = json<MediaDto>(reply);
            user.uploaded.add(media.id);
            return {
              status: 201,
              name: media.name === name ? '(the name sent)' : media.name,
              type: media.type,
              mimeType: media.mimeType,
              sizeBytes: media.sizeBytes,
              width: media.width,
              height: media.height,
            };
          },
        };
      }
    }
  }

  async function answer(request: Planned): Promise<Signature> {
    const outcome = await request.send();
    if ('error' in outcome) return { error: outcome.error };
    try {
      return request.sign(outcome);
    } catch {
      return { ...failure(outcome), unreadable: true };
    }
  }

  async function createUser(name: string, recipes: string[]): Promise<User> {
    const registered = await api<UserDto>(app.baseUrl, API_PATHS.auth.register, {
      body: { username: name, email: `${name}@example.com`, password: PASSWORD },
    });
    if (registered.status !== 201) throw new Error(`register ${name}: ${registered.status}`);
    const session = await BrowserSession.login(app.baseUrl, name, PASSWORD);
    const created = await session.request<{ token: string }>(API_PATHS.auth.tokens, {
      body: { name: 'load', currentPassword: PASSWORD },
    });
    if (created.status !== 201) throw new Error(`token for ${name}: ${created.status}`);
    const token = created.body.token;
    const client = clipsClient(
      () => app,
      () => token,
    );
    const project = await client.project(`${name}'s project`);
    const urls = recipes.map((recipe) => host.url(recipe));
    const clips = await client.addReady(project, ...urls);
    for (const clip of clips) {
      await waitFor(`the thumbnail of ${clip.mediaId}`, async () =>
        (await client.media(clip.mediaId!)).body.hasThumbnail ? true : undefined,
      );
    }
    const user: User = {
      name,
      id: registered.body.id,
      token,
      session,
      project,
      urls,
      clips,
      clientProjects: new Map(),
      marks: new Set([registered.body.id, name, ...urls]),
      uploaded: new Set(),
    };
    for (let c = users.length; c < CLIENTS; c += 2) {
      const id = await client.project(`${name}'s client ${c}`);
      // Already downloaded by this user: reused, ready at once.
      const reused = await client.addReady(id, ...urls);
      user.clientProjects.set(c, { id, clipIds: reused.map((clip) => clip.id) });
      for (const clip of reused) user.marks.add(clip.id);
    }
    for (const clip of clips) [clip.id, clip.mediaId!].forEach((id) => user.marks.add(id));
    return user;
  }

  beforeAll(async () => {
    const started = Date.now();
    host = await serveTestMedia();
    app = await startTestApp({
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    const health = await app.api<{ database: { mode: string }; jobs: { mode: string } }>(
      API_PATHS.health,
    );
    expect(health.body.database.mode).toBe('embedded');
    expect(health.body.jobs.mode).toBe('in-process');
    users.push(
      await createUser('loadalice', ['small-red.mp4', 'small-green.mp4', 'small-blue.mp4']),
    );
    users.push(
      await createUser('loadbob', ['small-yellow.mp4', 'small-cyan.mp4', 'small-magenta.mp4']),
    );
    setupSeconds = (Date.now() - started) / 1000;
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    host?.close();
  });

  it('answers each of 20 × 200 mixed requests as it does alone, and leaves no job stuck', async () => {
    const phases = [`set-up ${setupSeconds.toFixed(1)} s`];
    let phaseStart = Date.now();
    const phaseDone = (name: string) => {
      phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
      phaseStart = Date.now();
    };
    // 1. Alone: every distinct request of the load once, one at a time.
    const expected = new Map<string, Signature>();
    const groups = new Map<string, Signature>();
    for (let c = 0; c < CLIENTS; c++) {
      for (let j = 0; j < REQUESTS_PER_CLIENT; j++) {
        const request = plan(c, j);
        if (expected.has(request.key)) continue;
        const alone = await answer(request);
        expect({ [request.key]: alone }).toMatchObject({ [request.key]: request.alone });
        expected.set(request.key, alone);
        if (!request.group) continue;
        expect({ [request.group]: alone }).toEqual({
          [request.group]: groups.get(request.group) ?? alone,
        });
        groups.set(request.group, alone);
        if (alone.sha256) request.user.marks.add(String(alone.sha256));
      }
    }

    phaseDone(`${expected.size} requests alone`);
    // 2. All at once: 20 clients, each sending its requests one after another.
    const mismatches: Mismatch[] = [];
    const byKind = new Map<string, number>();
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let j = 0; j < REQUESTS_PER_CLIENT; j++) {
          const request = plan(c, j);
          byKind.set(request.kind, (byKind.get(request.kind) ?? 0) + 1);
          const want = expected.get(request.key)!;
          const got =
            Date.now() - started > LOAD_BOUND_MS
              ? { error: `not sent: the run passed ${LOAD_BOUND_MS / 1000} s` }
              : await answer(request);
          if (JSON.stringify(got) === JSON.stringify(want)) continue;
          const other = users.find((u) => u !== request.user)!;
          const text = JSON.stringify(got);
          const leaked = [...other.marks].some((mark) => text.includes(mark));
          mismatches.push({
            kind: request.kind,
            user: request.user.name,
            category: leaked
              ? "the other user's data"
              : 'error' in got
                ? String(got.error).replace(/:.*/, '')
                : got.status !== (want as { status?: number }).status
                  ? `HTTP ${String(got.status)}`
                  : 'a different answer',
            detail:
              `${request.kind} as ${request.user.name} by ${request.via}: want ${JSON.stringify(want)}, got ${text}`.slice(
                0,
                600,
              ),
          });
        }
      }),
    );
    phaseDone(`${CLIENTS * REQUESTS_PER_CLIENT} at once`);

    // 3. Uploads landed in their sender's library, and only there.
    for (const user of users) {
      const other = users.find((u) => u !== user)!;
      const listed = new Set<string>();
      for (let offset = 0; ; offset += 200) {
        const page = await api<MediaListDto>(
          app.baseUrl,
          `${API_PATHS.media.list}?type=image&limit=200&offset=${offset}`,
          { token: user.token },
        );
        if (page.status !== 200) {
          mismatches.push({
            kind: 'ownership',
            user: user.name,
            category: `HTTP ${page.status}`,
            detail: `listing ${user.name}'s images: ${page.status}`,
          });
          break;
        }
        page.body.items.forEach((media) => listed.add(media.id));
        if (offset + 200 >= page.body.total) break;
      }
      for (const id of listed) {
        if (user.uploaded.has(id)) continue;
        mismatches.push({
          kind: 'ownership',
          user: user.name,
          category: other.uploaded.has(id) ? "the other user's data" : 'unknown media',
          detail: `${user.name}'s library holds ${id}, ${other.uploaded.has(id) ? `uploaded by ${other.name}` : 'which no upload answered'}`,
        });
      }
      for (const id of user.uploaded) {
        if (listed.has(id)) continue;
        mismatches.push({
          kind: 'ownership',
          user: user.name,
          category: 'missing upload',
          detail: `${id}, answered to ${user.name}'s upload, is not in ${user.name}'s library`,
        });
      }
    }

    phaseDone('ownership check');
    // 4. No job is left queued or running; none failed.
    const count = async (state: string) => {
      const { status, body } = await app.api<JobListDto>(
        `${API_PATHS.jobs}?state=${state}&limit=200`,
      );
      if (status !== 200) throw new Error(`GET jobs?state=${state}: ${status}`);
      return body;
    };
    try {
      let fewest = Infinity;
      let progressAt = Date.now();
      for (;;) {
        const [queued, running] = [await count('queued'), await count('running')];
        const left = queued.total + running.total;
        if (!left) break;
        if (left < fewest) [fewest, progressAt] = [left, Date.now()];
        if (Date.now() - progressAt > JOBS_STALL_MS) {
          const shown = [...running.items, ...queued.items]
            .slice(0, 5)
            .map((job) => `${job.kind} ${job.id} ${job.state}`);
          throw new Error(
            `${left} jobs queued or running, none finished for ${JOBS_STALL_MS / 1000} s: ${shown.join('; ')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } catch (error) {
      const { message } = error as Error;
      mismatches.push({ kind: 'jobs', user: 'admin', category: 'stuck', detail: message });
    }
    const failed = await count('failed').catch((error: Error) => {
      mismatches.push({
        kind: 'jobs',
        user: 'admin',
        category: 'unlistable',
        detail: error.message,
      });
      return { items: [], total: 0 };
    });
    for (const job of failed.items) {
      mismatches.push({
        kind: 'jobs',
        user: 'admin',
        category: 'failed',
        detail: `${job.kind} job ${job.id} failed: ${job.error}`,
      });
    }

    const total = CLIENTS * REQUESTS_PER_CLIENT;
    const tally = (key: (m: Mismatch) => string) => {
      const counts = new Map<string, number>();
      for (const m of mismatches) counts.set(key(m), (counts.get(key(m)) ?? 0) + 1);
      return [...counts].map(([name, n]) => `${name} ${n}`).join(', ');
    };
    const sent = [...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ');
    phaseDone('jobs to finish');
    const timing = `${total} requests (${sent}); took: ${phases.join(', ')}`;
    if (mismatches.length) {
      const examples = new Map<string, string>();
      for (const m of mismatches) {
        const key = `${m.kind}: ${m.category}`;
        if (!examples.has(key)) examples.set(key, m.detail);
      }
      throw new Error(
        [
          `${mismatches.length} mismatches after ${timing}:`,
          `  by kind: ${tally((m) => m.kind)}`,
          `  by answer: ${tally((m) => m.category)}`,
          `  by kind and answer: ${tally((m) => `${m.kind}/${m.category}`)}`,
          '  one example of each:',
          ...[...examples.values()].map((detail) => `    ${detail}`),
        ].join('\n'),
      );
    }
    console.info(timing);
  }, 900_000);
});
