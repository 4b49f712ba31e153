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
});
