import { jest } from '@jest/globals';
import { loadAppConfig } from '../config/app-config.js';
import { TwitchError, TwitchRepository } from './twitch.repository.js';

const configured = loadAppConfig({
  CLIPPY_INSTANCE_PATH: '/tmp/clippy-twitch-spec',
  TWITCH_CLIENT_ID: 'cid',
  TWITCH_CLIENT_SECRET: 'secret',
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const token = () => json(200, { access_token: 'tok', expires_in: 3600 });

function stubFetch(...answers: (Response | Error)[]) {
  const queue = [...answers];
  return jest.spyOn(globalThis, 'fetch').mockImplementation(async () => {
    const next = queue.shift();
    if (!next) throw new Error('unexpected fetch');
    if (next instanceof Error) throw next;
    return next;
  });
}

describe('TwitchRepository', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends Client-Id and the bearer, and shares one token request between callers', async () => {
    const fetch = stubFetch(
      token(),
      json(200, { data: [{ id: '1', name: 'Chess' }] }),
      json(200, { data: [{ id: '2', login: 'a', profile_image_url: 'https://x/a.png' }] }),
    );
    const twitch = new TwitchRepository(configured);
    const [game, user] = await Promise.all([twitch.getGame('1'), twitch.getUser('2')]);
    expect(game).toBe('Chess');
    expect(user?.profileImageUrl).toBe('https://x/a.png');
    expect(fetch).toHaveBeenCalledTimes(3);
    const [tokenUrl, tokenInit] = fetch.mock.calls[0]!;
    expect(tokenUrl).toBe('https://id.twitch.tv/oauth2/token');
    expect(String(tokenInit?.body)).toBe(
      'client_id=cid&client_secret=secret&grant_type=client_credentials',
    );
    expect(fetch.mock.calls[1]![0]).toBe('https://api.twitch.tv/helix/games?id=1');
    expect(fetch.mock.calls[1]![1]?.headers).toEqual({
      'Client-Id': 'cid',
      Authorization: 'Bearer tok',
    });
  });

  it('turns timeouts, network errors, bad JSON and HTTP errors into TwitchErrors', async () => {
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    stubFetch(
      timeout,
      refused,
      token(),
      new Response('<html>', { status: 200 }),
      json(500, { message: 'Internal Server Error' }),
      json(404, { message: 'not found' }),
    );
    const twitch = new TwitchRepository(configured);
    await expect(twitch.getClip('abc')).rejects.toEqual(
      new TwitchError('Twitch did not answer within 10 s (id.twitch.tv)', null),
    );
    await expect(twitch.getClip('abc')).rejects.toThrow(
      'Twitch could not be reached (id.twitch.tv: ECONNREFUSED)',
    );
    await expect(twitch.getClip('abc')).rejects.toThrow(
      'Helix clips answered something that is not JSON',
    );
    await expect(twitch.getClip('abc')).rejects.toMatchObject({
      status: 500,
      message: 'Helix clips answered HTTP 500: Internal Server Error',
    });
    expect(await twitch.getClip('abc')).toBeNull();
  });

  it("finds a user by login (lower-cased) and pages a broadcaster's clips", async () => {
    const fetch = stubFetch(
      token(),
      json(200, { data: [{ id: '7', login: 'streamer', display_name: 'Streamer' }] }),
      json(200, {
        data: [{ id: 'Slug-1', title: 'A', view_count: 3, created_at: '2026-01-01T00:00:00Z' }],
        pagination: { cursor: 'next-page' },
      }),
      json(200, { data: [], pagination: { cursor: 'stale' } }),
    );
    const twitch = new TwitchRepository(configured);
    expect(await twitch.getUserByLogin('StreamER')).toMatchObject({ id: '7', login: 'streamer' });
    expect(fetch.mock.calls[1]![0]).toBe('https://api.twitch.tv/helix/users?login=streamer');
    const page = await twitch.getBroadcasterClips({
      broadcasterId: '7',
      first: 2,
      startedAt: '2026-01-01T00:00:00.000Z',
      after: 'prev',
    });
    expect(page).toMatchObject({ cursor: 'next-page', clips: [{ id: 'Slug-1', viewCount: 3 }] });
    expect(fetch.mock.calls[2]![0]).toBe(
      'https://api.twitch.tv/helix/clips?broadcaster_id=7&first=2&started_at=2026-01-01T00%3A00%3A00.000Z&after=prev',
    );
    // An empty page is the last, whatever cursor Helix sends with it.
    expect(await twitch.getBroadcasterClips({ broadcasterId: '7', first: 20 })).toEqual({
      clips: [],
      cursor: null,
    });
  });

  it('makes no request for ids that cannot be Twitch ids, nor without credentials', async () => {
    const fetch = stubFetch();
    const twitch = new TwitchRepository(configured);
    expect(await twitch.getClip('a/b?c')).toBeNull();
    expect(await twitch.getGame('abc')).toBeNull();
    expect(await twitch.getUser('')).toBeNull();
    expect(await twitch.getUserByLogin('not a login')).toBeNull();
    expect(await twitch.getBroadcasterClips({ broadcasterId: 'x&y', first: 5 })).toEqual({
      clips: [],
      cursor: null,
    });
    const off = new TwitchRepository(loadAppConfig({ CLIPPY_INSTANCE_PATH: '/tmp/x' }));
    expect(off.enabled).toBe(false);
    await expect(off.getClip('abc')).rejects.toMatchObject({ name: 'TwitchError', status: null });
    expect(fetch).not.toHaveBeenCalled();
  });
});
