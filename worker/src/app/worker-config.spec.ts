import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from '@clippyfront/shared/node';
import { loadDownloadSettings } from '../download/download-settings.js';
import { loadWorkerConfig } from './worker-config.js';

const key = 'k'.repeat(16);
const base = {
  CLIPPY_API_URL: 'http://api:3000',
  WORKER_API_KEY: key,
  REDIS_URL: 'redis://redis:6379',
};

/** The ConfigError message for `env` (fails the test when nothing is thrown). */
function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadWorkerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadWorkerConfig accepted the environment');
}

describe('loadWorkerConfig', () => {
  it('reads a minimal environment, with defaults', () => {
    expect(loadWorkerConfig(base)).toEqual({
      apiUrl: 'http://api:3000',
      apiKey: key,
      registrationToken: null,
      stateDir: resolve('instance', 'worker-state', hostname().replace(/[^\w.-]/g, '_')),
      redisUrl: 'redis://redis:6379',
      queuePrefix: 'clippyfront',
      queues: ['gpu', 'celery'],
      concurrency: 1,
      name: hostname(),
      heartbeatSeconds: 5,
      apiRetrySeconds: 600,
      artifactReportSeconds: 30,
      ffmpeg: { ffmpegBinary: undefined, ffprobeBinary: undefined },
      download: {
        allowPrivateNetworks: false,
        timeoutSeconds: 60,
        ytDlpBinary: undefined,
        ytDlpArgs: [],
        artifacts: undefined,
      },
      compile: expect.objectContaining({ disableNvenc: false, nvencPreset: 'p4', globalArgs: [] }),
      ignoredSecrets: [],
      deprecations: [],
    });
  });

  it('reads the compile settings a worker shares with the API', () => {
    const { compile } = loadWorkerConfig({
      ...base,
      FFMPEG_DISABLE_NVENC: 'true',
      COMPILE_CACHE_DIR: '/var/cache/clippy',
      COMPILE_SEGMENT_CONCURRENCY: '3',
    });
    expect(compile).toMatchObject({
      disableNvenc: true,
      cacheDir: '/var/cache/clippy',
      segmentConcurrency: 3,
    });
    expect(() => loadWorkerConfig({ ...base, COMPILE_SEGMENT_CONCURRENCY: '0' })).toThrow(
      /COMPILE_SEGMENT_CONCURRENCY/,
    );
  });

  it('reads every variable', () => {
    const config = loadWorkerConfig({
      ...base,
      QUEUE_PREFIX: 'staging:clippy',
      WORKER_QUEUES: 'celery',
      WORKER_CONCURRENCY: '4',
      WORKER_NAME: 'render-01',
      WORKER_HEARTBEAT_SECONDS: '30',
      WORKER_API_RETRY_SECONDS: '0',
      FFMPEG_BINARY: ' /opt/ffmpeg/ffmpeg ',
      FFPROBE_BINARY: '/opt/ffmpeg/ffprobe',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      DOWNLOAD_TIMEOUT_SECONDS: '15',
      YT_DLP_BINARY: ' /opt/yt-dlp ',
      YT_DLP_ARGS: `--proxy socks5://proxy:1080 --add-header 'Accept-Language: en'`,
      ARTIFACTS_DIR: ' /artifacts ',
    });
    expect(config.queuePrefix).toBe('staging:clippy');
    expect(config.queues).toEqual(['celery']);
    expect(config.concurrency).toBe(4);
    expect(config.name).toBe('render-01');
    expect(config.heartbeatSeconds).toBe(30);
    expect(config.apiRetrySeconds).toBe(0);
    expect(config.ffmpeg).toEqual({
      ffmpegBinary: '/opt/ffmpeg/ffmpeg',
      ffprobeBinary: '/opt/ffmpeg/ffprobe',
    });
    expect(config.download).toEqual({
      allowPrivateNetworks: true,
      timeoutSeconds: 15,
      ytDlpBinary: '/opt/yt-dlp',
      ytDlpArgs: ['--proxy', 'socks5://proxy:1080', '--add-header', 'Accept-Language: en'],
      artifacts: { dir: '/artifacts', worker: 'render-01' },
    });
  });

  it('reads ARTIFACTS_DIR as an absolute path; blank means no export', () => {
    expect(
      loadWorkerConfig({ ...base, ARTIFACTS_DIR: 'out/artifacts' }).download.artifacts,
    ).toEqual({ dir: resolve('out/artifacts'), worker: hostname() });
    expect(loadWorkerConfig({ ...base, ARTIFACTS_DIR: '  ' }).download.artifacts).toBeUndefined();
  });

  it('names the API process "embedded" in artifact manifests', () => {
    expect(loadDownloadSettings({ ARTIFACTS_DIR: '/artifacts' }).artifacts).toEqual({
      dir: '/artifacts',
      worker: 'embedded',
    });
    expect(loadDownloadSettings({}).artifacts).toBeUndefined();
  });

  it('names the download variables when their values are wrong', () => {
    expect(configError({ ...base, DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toMatch(
      /DOWNLOAD_ALLOW_PRIVATE_NETWORKS/,
    );
    expect(configError({ ...base, DOWNLOAD_TIMEOUT_SECONDS: '0' })).toMatch(
      /DOWNLOAD_TIMEOUT_SECONDS/,
    );
    expect(configError({ ...base, YT_DLP_ARGS: `--add-header 'broken` })).toMatch(
      /YT_DLP_ARGS: has an unclosed single quote/,
    );
  });

  it('names CLIPPY_API_URL, WORKER_API_KEY and REDIS_URL when nothing is set', () => {
    const message = configError({});
    expect(message).toMatch(/CLIPPY_API_URL: is required/);
    expect(message).toMatch(/WORKER_API_KEY: is required/);
    expect(message).toMatch(/REDIS_URL: is required/);
  });

  it('requires an API URL, mentioning the FLASK_APP_URL alias', () => {
    const message = configError({ WORKER_API_KEY: key, REDIS_URL: 'redis://r:6379' });
    expect(message).toMatch(/CLIPPY_API_URL: is required/);
    expect(message).toContain('FLASK_APP_URL');
  });

  it('accepts FLASK_APP_URL as an alias, CLIPPY_API_URL winning when both are set', () => {
    const { CLIPPY_API_URL: _unused, ...withoutUrl } = base;
    expect(loadWorkerConfig({ ...withoutUrl, FLASK_APP_URL: 'http://legacy:5000' }).apiUrl).toBe(
      'http://legacy:5000',
    );
    expect(loadWorkerConfig({ ...base, FLASK_APP_URL: 'http://legacy:5000' }).apiUrl).toBe(
      'http://api:3000',
    );
    // An empty CLIPPY_API_URL counts as unset.
    expect(
      loadWorkerConfig({ ...base, CLIPPY_API_URL: '', FLASK_APP_URL: 'http://legacy:5000' }).apiUrl,
    ).toBe('http://legacy:5000');
  });

  it('removes trailing slashes from the API URL', () => {
    expect(loadWorkerConfig({ ...base, CLIPPY_API_URL: 'https://clippy.example/' }).apiUrl).toBe(
      'https://clippy.example',
    );
    expect(loadWorkerConfig({ ...base, CLIPPY_API_URL: 'http://api:3000///' }).apiUrl).toBe(
      'http://api:3000',
    );
    expect(
      loadWorkerConfig({ ...base, CLIPPY_API_URL: undefined, FLASK_APP_URL: 'http://old/' }).apiUrl,
    ).toBe('http://old');
  });

  it('refuses an API URL that is not http(s)', () => {
    expect(configError({ ...base, CLIPPY_API_URL: 'api:3000' })).toMatch(
      /CLIPPY_API_URL: must start with http:\/\/ or https:\/\//,
    );
    const { CLIPPY_API_URL: _unused, ...withoutUrl } = base;
    expect(configError({ ...withoutUrl, FLASK_APP_URL: 'ftp://old' })).toMatch(
      /must start with http:\/\/ or https:\/\//,
    );
  });

  it('parses WORKER_QUEUES', () => {
    expect(loadWorkerConfig({ ...base, WORKER_QUEUES: 'celery' }).queues).toEqual(['celery']);
    expect(loadWorkerConfig({ ...base, WORKER_QUEUES: ' celery , gpu ' }).queues).toEqual([
      'celery',
      'gpu',
    ]);
    expect(loadWorkerConfig({ ...base, WORKER_QUEUES: 'gpu,gpu,' }).queues).toEqual(['gpu']);
    expect(loadWorkerConfig({ ...base, WORKER_QUEUES: 'gpu,celery' }).deprecations).toEqual([]);
  });

  it("takes 'cpu' as a deprecated name for celery, with one line to log", () => {
    const old = loadWorkerConfig({ ...base, WORKER_QUEUES: 'gpu,cpu' });
    expect(old.queues).toEqual(['gpu', 'celery']);
    expect(old.deprecations).toEqual([
      "WORKER_QUEUES: queue name 'cpu' is deprecated; use 'celery'",
    ]);
    const both = loadWorkerConfig({ ...base, WORKER_QUEUES: 'cpu,celery,cpu' });
    expect(both.queues).toEqual(['celery']);
    expect(both.deprecations).toHaveLength(1);
  });

  it('names WORKER_QUEUES for an unknown or empty queue list', () => {
    expect(configError({ ...base, WORKER_QUEUES: 'gpu,bogus' })).toMatch(
      /WORKER_QUEUES: unknown queue "bogus": must name gpu and\/or celery \('cpu' is a deprecated name for celery\)/,
    );
    expect(configError({ ...base, WORKER_QUEUES: ' , ' })).toMatch(
      /WORKER_QUEUES: must name gpu and\/or celery/,
    );
  });

  it('registers with a one-time token instead of WORKER_API_KEY, keeping its token in WORKER_STATE_DIR', () => {
    const { WORKER_API_KEY: _, ...rest } = base;
    const config = loadWorkerConfig({
      ...rest,
      WORKER_REGISTRATION_TOKEN: 'cfr_once',
      WORKER_STATE_DIR: '/var/lib/clippy-worker',
    });
    expect(config).toMatchObject({
      apiKey: null,
      registrationToken: 'cfr_once',
      stateDir: '/var/lib/clippy-worker',
    });
  });

  it('rejects a short WORKER_API_KEY', () => {
    expect(configError({ ...base, WORKER_API_KEY: 'k'.repeat(15) })).toMatch(
      /WORKER_API_KEY: must be at least 16 characters/,
    );
    expect(loadWorkerConfig({ ...base, WORKER_API_KEY: 'k'.repeat(16) }).apiKey).toHaveLength(16);
  });

  it('requires a redis:// or rediss:// REDIS_URL', () => {
    expect(configError({ ...base, REDIS_URL: 'http://redis:6379' })).toMatch(/REDIS_URL: must/);
    expect(loadWorkerConfig({ ...base, REDIS_URL: 'rediss://r:6380' }).redisUrl).toBe(
      'rediss://r:6380',
    );
  });

  it('names out-of-range numbers', () => {
    expect(configError({ ...base, WORKER_CONCURRENCY: '0' })).toMatch(/WORKER_CONCURRENCY/);
    expect(configError({ ...base, WORKER_CONCURRENCY: 'two' })).toMatch(/WORKER_CONCURRENCY/);
    expect(configError({ ...base, WORKER_HEARTBEAT_SECONDS: '0' })).toMatch(
      /WORKER_HEARTBEAT_SECONDS/,
    );
    expect(configError({ ...base, WORKER_API_RETRY_SECONDS: '-1' })).toMatch(
      /WORKER_API_RETRY_SECONDS/,
    );
    expect(configError({ ...base, ARTIFACT_REPORT_SECONDS: '0' })).toMatch(
      /ARTIFACT_REPORT_SECONDS/,
    );
    expect(loadWorkerConfig({ ...base, ARTIFACT_REPORT_SECONDS: '5' }).artifactReportSeconds).toBe(
      5,
    );
  });

  it('lists DATABASE_URL in ignoredSecrets when it is present, and never uses it', () => {
    const config = loadWorkerConfig({ ...base, DATABASE_URL: 'postgresql://u:p@db/clippy' });
    expect(config.ignoredSecrets).toEqual(['DATABASE_URL']);
    expect(JSON.stringify(config)).not.toContain('postgresql://');
    expect(loadWorkerConfig({ ...base, DATABASE_URL: '' }).ignoredSecrets).toEqual([]);
  });
});
