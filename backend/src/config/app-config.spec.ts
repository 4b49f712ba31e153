import { ConfigError } from '@clippyfront/shared/node';
import { loadAppConfig } from './app-config.js';

const base = { CLIPPY_INSTANCE_PATH: '/tmp/clippy-config-spec' };

describe('loadAppConfig', () => {
  it('runs on the embedded default with nothing set', () => {
    const config = loadAppConfig(base);
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeNull();
    expect(config.redis.url).toBeNull();
    expect(config.paths.logs).toBe('/tmp/clippy-config-spec/logs');
    expect(config.jobs.maxAttempts).toBe(3);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadAppConfig({ ...base, PORT: 'eighty' })).toThrow(/PORT: /);
    expect(() => loadAppConfig({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//,
    );
    expect(() => loadAppConfig({ ...base, REQUIRE_INSTANCE_MOUNT: 'maybe' })).toThrow(
      /REQUIRE_INSTANCE_MOUNT/,
    );
  });

  it('requires WORKER_API_KEY once Redis (and so remote workers) is configured', () => {
    expect(() => loadAppConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      ConfigError,
    );
    expect(() => loadAppConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /WORKER_API_KEY: is required when REDIS_URL is set/,
    );
    const config = loadAppConfig({
      ...base,
      REDIS_URL: 'redis://127.0.0.1:6379',
      WORKER_API_KEY: 'k'.repeat(16),
    });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
  });

  it('refuses a short worker key and reads booleans and numbers', () => {
    expect(() => loadAppConfig({ ...base, WORKER_API_KEY: 'short' })).toThrow(
      /WORKER_API_KEY: must be at least 16 characters/,
    );
    const config = loadAppConfig({ ...base, JOB_STALL_SECONDS: '30', PORT: '8080' });
    expect(config.jobs.stallSeconds).toBe(30);
    expect(config.port).toBe(8080);
  });

  it('reads WORKER_HEARTBEAT_TIMEOUT_SECONDS (15 by default) and refuses a bad one', () => {
    expect(loadAppConfig(base).jobs.heartbeatTimeoutSeconds).toBe(15);
    expect(
      loadAppConfig({ ...base, WORKER_HEARTBEAT_TIMEOUT_SECONDS: '40' }).jobs
        .heartbeatTimeoutSeconds,
    ).toBe(40);
    expect(() => loadAppConfig({ ...base, WORKER_HEARTBEAT_TIMEOUT_SECONDS: '1' })).toThrow(
      /WORKER_HEARTBEAT_TIMEOUT_SECONDS/,
    );
  });

  it('reads the per-user job caps and rate limits, and refuses bad ones', () => {
    const config = loadAppConfig(base);
    expect(config.jobs).toMatchObject({ maxActivePerUser: 100, maxHeavyPerUser: 5 });
    expect(config.rateLimit.perUser).toEqual({
      compile: [{ limit: 30, ttlMs: 3_600_000 }],
      clipsAdd: [{ limit: 60, ttlMs: 3_600_000 }],
    });
    const set = loadAppConfig({
      ...base,
      JOBS_MAX_ACTIVE_PER_USER: '20',
      JOBS_MAX_HEAVY_PER_USER: '2',
      RATELIMIT_COMPILE: '5 per 15 minutes',
    });
    expect(set.jobs).toMatchObject({ maxActivePerUser: 20, maxHeavyPerUser: 2 });
    expect(set.rateLimit.perUser.compile).toEqual([{ limit: 5, ttlMs: 900_000 }]);
    expect(() => loadAppConfig({ ...base, JOBS_MAX_ACTIVE_PER_USER: '0' })).toThrow(
      /JOBS_MAX_ACTIVE_PER_USER/,
    );
    expect(() => loadAppConfig({ ...base, JOBS_MAX_HEAVY_PER_USER: 'many' })).toThrow(
      /JOBS_MAX_HEAVY_PER_USER/,
    );
    expect(() => loadAppConfig({ ...base, RATELIMIT_CLIPS_ADD: 'often' })).toThrow(
      /RATELIMIT_CLIPS_ADD/,
    );
  });

  it('reads the tus upload limits (20 open, 30 creations a minute) and refuses bad ones', () => {
    const config = loadAppConfig(base);
    expect(config.maxOpenTusUploads).toBe(20);
    expect(config.rateLimit.tusCreate).toEqual([{ limit: 30, ttlMs: 60_000 }]);
    const set = loadAppConfig({
      ...base,
      TUS_MAX_OPEN_UPLOADS: '5',
      RATELIMIT_TUS_CREATE: '10 per hour',
    });
    expect(set.maxOpenTusUploads).toBe(5);
    expect(set.rateLimit.tusCreate).toEqual([{ limit: 10, ttlMs: 3_600_000 }]);
    expect(() => loadAppConfig({ ...base, TUS_MAX_OPEN_UPLOADS: '0' })).toThrow(
      /TUS_MAX_OPEN_UPLOADS/,
    );
    expect(() => loadAppConfig({ ...base, RATELIMIT_TUS_CREATE: 'lots' })).toThrow(
      /RATELIMIT_TUS_CREATE/,
    );
  });

  it('takes MEDIA_PATH_ALIAS_FROM/TO as an absolute pair only', () => {
    expect(() => loadAppConfig({ ...base, MEDIA_PATH_ALIAS_FROM: '/srv/old' })).toThrow(
      /MEDIA_PATH_ALIAS_TO: MEDIA_PATH_ALIAS_FROM and MEDIA_PATH_ALIAS_TO go together/,
    );
    expect(() =>
      loadAppConfig({ ...base, MEDIA_PATH_ALIAS_FROM: 'old', MEDIA_PATH_ALIAS_TO: '/instance' }),
    ).toThrow(/MEDIA_PATH_ALIAS_FROM: must be an absolute path/);
    expect(loadAppConfig(base).mediaPathAlias).toBeNull();
    const config = loadAppConfig({
      ...base,
      MEDIA_PATH_ALIAS_FROM: '/srv/old',
      MEDIA_PATH_ALIAS_TO: '/instance',
    });
    expect(config.mediaPathAlias).toEqual({ from: '/srv/old', to: '/instance' });
  });

  it('fails fast when REQUIRE_INSTANCE_MOUNT is set and the folder is missing', () => {
    expect(() =>
      loadAppConfig({
        CLIPPY_INSTANCE_PATH: '/definitely/not/here',
        REQUIRE_INSTANCE_MOUNT: '1',
      }),
    ).toThrow(/CLIPPY_INSTANCE_PATH: .*does not exist/);
  });

  it('takes Twitch credentials as a pair; without them Twitch metadata is off', () => {
    const off = loadAppConfig(base);
    expect(off.twitch).toEqual({
      credentials: null,
      apiBase: 'https://api.twitch.tv/helix',
      authBase: 'https://id.twitch.tv/oauth2',
    });
    expect(() => loadAppConfig({ ...base, TWITCH_CLIENT_ID: 'id' })).toThrow(
      /TWITCH_CLIENT_SECRET: TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET go together/,
    );
    expect(() => loadAppConfig({ ...base, TWITCH_API_BASE: 'ftp://x' })).toThrow(
      /TWITCH_API_BASE: must be a URL/,
    );
    const on = loadAppConfig({
      ...base,
      TWITCH_CLIENT_ID: 'id',
      TWITCH_CLIENT_SECRET: 'secret',
      TWITCH_API_BASE: 'http://127.0.0.1:9/helix/',
    });
    expect(on.twitch.credentials).toEqual({ clientId: 'id', clientSecret: 'secret' });
    expect(on.twitch.apiBase).toBe('http://127.0.0.1:9/helix');
  });

  it('reads the Discord bot token and API base (off without a token)', () => {
    expect(loadAppConfig(base).discord).toEqual({
      botToken: null,
      apiBase: 'https://discord.com/api/v10',
    });
    expect(() => loadAppConfig({ ...base, DISCORD_API_BASE: 'discord.com' })).toThrow(
      /DISCORD_API_BASE: must be a URL/,
    );
    const on = loadAppConfig({
      ...base,
      DISCORD_BOT_TOKEN: 'bot-token',
      DISCORD_API_BASE: 'http://127.0.0.1:9/api/v10/',
    });
    expect(on.discord).toEqual({ botToken: 'bot-token', apiBase: 'http://127.0.0.1:9/api/v10' });
  });

  it('finds the avatars folder from AVATARS_PATH given as the assets root or the folder', () => {
    expect(loadAppConfig(base).avatars).toEqual({
      path: '/tmp/clippy-config-spec/assets/avatars',
      keep: 3,
    });
    const root = loadAppConfig({ ...base, AVATARS_PATH: '/srv/assets', AVATARS_KEEP: '5' });
    expect(root.avatars).toEqual({ path: '/srv/assets/avatars', keep: 5 });
    expect(loadAppConfig({ ...base, AVATARS_PATH: '/srv/assets/avatars/' }).avatars.path).toBe(
      '/srv/assets/avatars',
    );
    expect(() => loadAppConfig({ ...base, AVATARS_KEEP: '0' })).toThrow(/AVATARS_KEEP/);
  });

  it('accepts only Twitch and Discord clip URLs, and no private addresses, unless told', () => {
    expect(loadAppConfig(base).clipUrls).toEqual({
      allowExternal: false,
      allowPrivateNetworks: false,
    });
    const open = loadAppConfig({
      ...base,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: '1',
    });
    expect(open.clipUrls).toEqual({ allowExternal: true, allowPrivateNetworks: true });
    // In-process download jobs get the same settings a worker reads.
    expect(open.download).toMatchObject({ allowPrivateNetworks: true, timeoutSeconds: 60 });
    expect(loadAppConfig(base).download.allowPrivateNetworks).toBe(false);
    expect(() => loadAppConfig({ ...base, ALLOW_EXTERNAL_URLS: 'sometimes' })).toThrow(
      /ALLOW_EXTERNAL_URLS/,
    );
  });
});
