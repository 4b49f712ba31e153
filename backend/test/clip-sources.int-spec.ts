import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PATHS, type DiscordClipsPage, type TwitchClipsPage } from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { FakeDiscord } from './support/fake-discord.js';
import { FakeTwitch, type FakeUser } from './support/fake-twitch.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, startTestApp, type TestApp } from './support/test-app.js';

type ErrorBody = { statusCode: number; message: string | string[] };
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const STREAMER: FakeUser = {
  id: '4242',
  login: 'streamer',
  display_name: 'Streamer',
  profile_image_url: '',
};

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('clip sources: Fetch from Twitch and Discord (stand-ins, real PostgreSQL, ffmpeg)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let twitch: FakeTwitch;
  let discord: FakeDiscord;
  let token: string;
  let otherToken: string;
  const me = clipsClient(
    () => app,
    () => token,
  );
  const twitchClips = (query: string, as = token, on = () => app) =>
    api<TwitchClipsPage & ErrorBody>(
      on().baseUrl,
      `${API_PATHS.clipSources.twitchClips}${query ? `?${query}` : ''}`,
      { token: as },
    );
  const discordClips = (query: string, as = token, on = () => app) =>
    api<DiscordClipsPage & ErrorBody>(
      on().baseUrl,
      `${API_PATHS.clipSources.discordMessages}${query ? `?${query}` : ''}`,
      { token: as },
    );

  beforeAll(async () => {
    twitch = await FakeTwitch.start();
    discord = await FakeDiscord.start();
    db = await createTestDatabase('clip_sources');
    app = await startTestApp({ DATABASE_URL: db.url, ...twitch.env(), ...discord.env() });
    [token, otherToken] = await registerUsers(app, 'sources_user', 'sources_other');
    twitch.addClips(STREAMER, [
      { id: 'OldPopular', title: 'Old popular', view_count: 900, created_at: daysAgo(20) },
      { id: 'RecentHit', title: 'Recent hit', view_count: 500, created_at: daysAgo(2) },
      { id: 'Newest', title: 'Newest', view_count: 10, created_at: daysAgo(0.5) },
      { id: 'Middling', title: 'Middling', view_count: 100, created_at: daysAgo(5) },
      { id: 'Quiet', title: 'Quiet', view_count: 1, created_at: daysAgo(10) },
    ]);
    twitch.users.set('5', {
      id: '5',
      login: 'noclips',
      display_name: 'NoClips',
      profile_image_url: '',
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await twitch?.close();
    await discord?.close();
  });

  describe('GET /api/twitch/clips', () => {
    it('needs a logged-in user', async () => {
      const response = await fetch(
        `${app.baseUrl}${API_PATHS.clipSources.twitchClips}?username=streamer`,
      );
      expect(response.status).toBe(401);
      const discordResponse = await fetch(
        `${app.baseUrl}${API_PATHS.clipSources.discordMessages}?channelId=1`,
      );
      expect(discordResponse.status).toBe(401);
    });

    it('without a username or a profile twitchUsername: 400 naming username', async () => {
      const { status, body } = await twitchClips('');
      expect(status).toBe(400);
      expect(body.message).toMatch(/username/);
    });

    it("lists the profile's broadcaster's clips, newest first by default", async () => {
      const { status } = await me.call(API_PATHS.auth.me, {
        method: 'PATCH',
        body: { twitchUsername: 'Streamer' },
      });
      expect(status).toBe(200);
      const { status: listed, body } = await twitchClips('');
      expect(listed).toBe(200);
      expect(body.broadcaster).toEqual({ login: 'streamer', displayName: 'Streamer' });
      expect(body.clips.map((clip) => clip.title)).toEqual([
        'Newest',
        'Recent hit',
        'Middling',
        'Quiet',
        'Old popular',
      ]);
      expect(body.clips[0]).toEqual({
        source: 'twitch',
        url: 'https://clips.twitch.tv/Newest',
        title: 'Newest',
        creatorName: 'clipper',
        viewCount: 10,
        createdAt: expect.any(String),
        thumbnailUrl: `${twitch.url}/cdn/thumb.png`,
        durationSeconds: 10,
      });
      expect(body.cursor).toBeNull();
      // Another user's profile is theirs: no default for them.
      expect((await twitchClips('', otherToken)).status).toBe(400);
    });

    it('pages with first and the cursor, most viewed first with sort=views', async () => {
      const seen: string[] = [];
      let after = '';
      let pages = 0;
      do {
        const { status, body } = await twitchClips(
          `username=streamer&first=2&sort=views${after ? `&after=${encodeURIComponent(after)}` : ''}`,
        );
        expect(status).toBe(200);
        expect(body.clips.length).toBeLessThanOrEqual(2);
        seen.push(...body.clips.map((clip) => clip.url.split('/').pop()!));
        after = body.cursor ?? '';
        pages++;
      } while (after && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(['OldPopular', 'RecentHit', 'Middling', 'Newest', 'Quiet']);
      const last = twitch.queries.filter((q) => q.endpoint === 'clips').at(-1)!.query;
      expect(last.get('broadcaster_id')).toBe(STREAMER.id);
      expect(last.get('first')).toBe('2');
    });

    it('passes the period to Helix (the last 7 days)', async () => {
      const since = new Date(Date.now() - 7 * DAY).toISOString();
      const { status, body } = await twitchClips(
        `username=streamer&sort=views&startedAt=${encodeURIComponent(since)}`,
      );
      expect(status).toBe(200);
      expect(body.clips.map((clip) => clip.title)).toEqual(['Recent hit', 'Middling', 'Newest']);
      const last = twitch.queries.filter((q) => q.endpoint === 'clips').at(-1)!.query;
      expect(last.get('started_at')).toBe(since);
      expect(last.has('ended_at')).toBe(false);
    });

    it('an empty page for a broadcaster without clips; 404 for an unknown one', async () => {
      const empty = await twitchClips('username=noclips');
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({ clips: [], cursor: null });
      const unknown = await twitchClips('username=nobody_here');
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('Twitch has no broadcaster "nobody_here"');
    });

    it.each([
      ['first=0', /first must be a whole number from 1 to 100/],
      ['first=101', /first must be a whole number from 1 to 100/],
      ['first=abc', /first must be a whole number from 1 to 100/],
      ['startedAt=yesterday', /startedAt must be an ISO 8601 date/],
      ['endedAt=2026-13-01', /endedAt must be an ISO 8601 date/],
      ['startedAt=2026-02-01&endedAt=2026-01-01', /endedAt must be later than startedAt/],
      ['sort=oldest', /sort must be one of newest, views/],
      ['username=not%20a%20login', /username must be a Twitch login name/],
      ['after=x&unknown=1', /property unknown should not exist/],
    ])('%s → 400 naming the field', async (query, message) => {
      const before = twitch.calls.clips;
      const { status, body } = await twitchClips(`username=streamer&${query}`);
      expect(status).toBe(400);
      expect([body.message].flat().join('; ')).toMatch(message);
      expect(twitch.calls.clips).toBe(before);
    });

    it('a stale cursor Twitch refuses → 400', async () => {
      const { status, body } = await twitchClips('username=streamer&after=bm90LWEtbnVtYmVy');
      expect(status).toBe(400);
      expect(body.message).toMatch(/Twitch refused the query/);
    });

    it('waits out a 429 until Ratelimit-Reset; a far reset → 503 with the wait', async () => {
      twitch.rateLimit(1, 1);
      const before = twitch.calls.users + twitch.calls.clips;
      const { status, body } = await twitchClips('username=streamer');
      expect(status).toBe(200);
      expect(body.clips).toHaveLength(5);
      expect(twitch.calls.users + twitch.calls.clips - before).toBe(3);

      twitch.rateLimit(1, 600);
      const far = await twitchClips('username=streamer');
      expect(far.status).toBe(503);
      expect(far.body.message).toMatch(/Twitch rate limit reached; it resets in \d+ s/);
      twitch.rateLimit(0);
    });

    it('Twitch failing → 502 with its message', async () => {
      twitch.fail(1, 500);
      const { status, body } = await twitchClips('username=streamer');
      expect(status).toBe(502);
      expect(body.message).toBe('Helix users answered HTTP 500: Fake failure');
    });
  });

  describe('GET /api/discord/messages', () => {
    let channel: string;

    beforeAll(() => {
      channel = discord.channel();
      discord.post(channel, { content: 'hello, no clips here', author: 'Chatty' });
      discord.post(channel, {
        author: 'Alice',
        content: 'look at this',
        files: [{ name: 'ace.mp4', recipe: 'small-red.mp4' }],
      });
      discord.post(channel, {
        author: 'Bob',
        files: [{ name: 'screenshot.png', contentType: 'image/png' }],
      });
      discord.post(channel, {
        author: 'Carol',
        content: 'lol https://www.twitch.tv/streamer/clip/FunnyClip-AbC123?filter=clips and more',
        embeds: [
          {
            url: 'https://clips.twitch.tv/FunnyClip-AbC123',
            title: 'Funny moment',
            thumbnail: { url: 'https://clips-media-assets2.twitch.tv/x.jpg' },
          },
        ],
      });
      discord.post(channel, {
        author: 'Dave',
        files: [{ name: 'clutch.webm', recipe: 'clip.webm', contentType: 'video/webm' }],
      });
    });

    it('returns the video attachments and Twitch clip links with author and time', async () => {
      const { status, body } = await discordClips(`channelId=${channel}`);
      expect(status).toBe(200);
      expect(body.before).toBeNull();
      expect(body.clips.map((clip) => [clip.title, clip.creatorName])).toEqual([
        ['clutch.webm', 'Dave'],
        ['Funny moment', 'Carol'],
        ['ace.mp4', 'Alice'],
      ]);
      expect(body.clips[1]).toMatchObject({
        source: 'discord',
        url: 'https://clips.twitch.tv/FunnyClip-AbC123',
        thumbnailUrl: 'https://clips-media-assets2.twitch.tv/x.jpg',
        viewCount: null,
      });
      expect(body.clips[2]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/attachments\/.+\/ace\.mp4\?/);
      expect(Date.parse(body.clips[2]!.createdAt)).not.toBeNaN();
      expect(discord.queries.at(-1)!.get('limit')).toBe('50');
    });

    it('pages backwards with limit and before', async () => {
      const first = await discordClips(`channelId=${channel}&limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.clips.map((clip) => clip.creatorName)).toEqual(['Dave', 'Carol']);
      expect(first.body.before).toMatch(/^\d+$/);
      const second = await discordClips(`channelId=${channel}&limit=2&before=${first.body.before}`);
      expect(second.body.clips.map((clip) => clip.creatorName)).toEqual(['Alice']);
      const third = await discordClips(`channelId=${channel}&limit=2&before=${second.body.before}`);
      expect(third.body).toEqual({ clips: [], before: null });
    });

    it.each([
      ['', /channelId must be a numeric Discord channel id/],
      ['channelId=abc', /channelId must be a numeric Discord channel id/],
      ['channelId=12&limit=0', /limit must be a whole number from 1 to 100/],
      ['channelId=12&limit=101', /limit must be a whole number from 1 to 100/],
      ['channelId=12&before=yesterday', /before must be a numeric Discord message id/],
    ])('%s → 400 naming the field', async (query, message) => {
      const before = discord.calls.messages;
      const { status, body } = await discordClips(query);
      expect(status).toBe(400);
      expect([body.message].flat().join('; ')).toMatch(message);
      expect(discord.calls.messages).toBe(before);
    });

    it('a channel the bot cannot read, or that does not exist → 404', async () => {
      const hidden = discord.channel();
      discord.forbidden.add(hidden);
      for (const id of [hidden, '123456789012345678']) {
        const { status, body } = await discordClips(`channelId=${id}`);
        expect(status).toBe(404);
        expect(body.message).toBe('Discord channel not found, or the bot cannot read it');
      }
    });

    it('waits out a 429 (retry-after); Discord failing → 502', async () => {
      discord.rateLimit(1, 1);
      const before = discord.calls.messages;
      const { status, body } = await discordClips(`channelId=${channel}`);
      expect(status).toBe(200);
      expect(body.clips).toHaveLength(3);
      expect(discord.calls.messages - before).toBe(2);

      discord.fail(5);
      const failed = await discordClips(`channelId=${channel}`);
      expect(failed.status).toBe(502);
      expect(failed.body.message).toMatch(/Discord answered HTTP 500/);
      discord.fail(0);
    });

    it('a rate limit too far away → 503 with the wait (other channels unaffected)', async () => {
      const busy = discord.channel();
      discord.rateLimit(1, 600);
      const { status, body } = await discordClips(`channelId=${busy}`);
      expect(status).toBe(503);
      expect(body.message).toMatch(/Discord rate limit reached; try again in \d+ s/);
      discord.rateLimit(0);
      expect((await discordClips(`channelId=${channel}`)).status).toBe(200);
    });

    it('found clips added to a project download for real (same add-clips call)', async () => {
      const { body } = await discordClips(`channelId=${channel}`);
      const files = body.clips.filter((clip) => clip.url.includes('/attachments/'));
      expect(files).toHaveLength(2);
      const project = await me.project('From Discord');
      const ready = await me.addReady(project, ...files.map((clip) => clip.url));
      expect(ready.map((clip) => clip.state)).toEqual(['ready', 'ready']);
      expect(ready.every((clip) => clip.mediaId)).toBe(true);
      // Added again: the same policy and dedup as pasted links.
      const again = await me.add(
        project,
        files.map((clip) => clip.url),
      );
      expect(again.status).toBe(400);
      expect(again.body.rejected.map((r) => r.reason)).toEqual([
        'already-in-project',
        'already-in-project',
      ]);
    });
  });

  describe('not configured, unreachable, refused credentials', () => {
    let bare: TestApp;
    let down: TestApp;
    let wrong: TestApp;
    let bareToken: string;
    let downToken: string;
    let wrongToken: string;

    beforeAll(async () => {
      const port = await closedPort();
      bare = await startTestApp({ DATABASE_URL: db.url });
      down = await startTestApp({
        DATABASE_URL: db.url,
        TWITCH_CLIENT_ID: 'id',
        TWITCH_CLIENT_SECRET: 'secret',
        TWITCH_API_BASE: `http://127.0.0.1:${port}/helix`,
        TWITCH_AUTH_BASE: `http://127.0.0.1:${port}/oauth2`,
        DISCORD_BOT_TOKEN: 'token',
        DISCORD_API_BASE: `http://127.0.0.1:${port}/api/v10`,
      });
      wrong = await startTestApp({
        DATABASE_URL: db.url,
        ...twitch.env(),
        ...discord.env(),
        TWITCH_CLIENT_SECRET: 'not-the-secret',
        DISCORD_BOT_TOKEN: 'not-the-token',
      });
      [bareToken] = await registerUsers(bare, 'sources_bare');
      [downToken] = await registerUsers(down, 'sources_down');
      [wrongToken] = await registerUsers(wrong, 'sources_wrong');
    });

    afterAll(async () => {
      await bare?.close();
      await down?.close();
      await wrong?.close();
    });

    it('refused credentials: 502 naming the settings, every time', async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const t = await twitchClips('username=streamer', wrongToken, () => wrong);
        expect(t.status).toBe(502);
        expect(t.body.message).toMatch(/refused the app credentials.*TWITCH_CLIENT_SECRET/);
        const d = await discordClips(`channelId=123`, wrongToken, () => wrong);
        expect(d.status).toBe(502);
        expect(d.body.message).toBe('Discord refused the bot token: check DISCORD_BOT_TOKEN');
      }
    });

    it('without settings: 503 naming them', async () => {
      const t = await twitchClips('username=streamer', bareToken, () => bare);
      expect(t.status).toBe(503);
      expect(t.body.message).toMatch(/TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET/);
      const d = await discordClips('channelId=123', bareToken, () => bare);
      expect(d.status).toBe(503);
      expect(d.body.message).toMatch(/DISCORD_BOT_TOKEN/);
    });

    it('unreachable: 502 with what failed', async () => {
      const t = await twitchClips('username=streamer', downToken, () => down);
      expect(t.status).toBe(502);
      expect(t.body.message).toMatch(
        /Twitch could not be reached \(127\.0\.0\.1:\d+: ECONNREFUSED\)/,
      );
      const d = await discordClips('channelId=123', downToken, () => down);
      expect(d.status).toBe(502);
      expect(d.body.message).toMatch(
        /Discord could not be reached \(127\.0\.0\.1:\d+: ECONNREFUSED\)/,
      );
    });
  });
});
