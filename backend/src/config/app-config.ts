import { basename, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  envBoolean,
  envInt,
  optionalString,
  parseEnv,
} from '@clippyfront/shared/node';
import {
  compileEnvShape,
  downloadEnvShape,
  toCompileSettings,
  toDownloadSettings,
  type CompileSettings,
  type DownloadSettings,
} from '@clippyfront/worker';
import { parseByteSize } from './byte-size.js';
import {
  checkIngestEnv,
  ingestEnvShape,
  toIngestSettings,
  type IngestSettings,
} from './ingest-env.js';
import { parseRateLimits, type RateLimit } from '../rate-limit/rate-limit-spec.js';
import { PROJECT_ROOT, resolveInstancePath } from './project-paths.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

const rateLimits = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      try {
        return parseRateLimits(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

const urlWithProtocol = (protocols: string[]) =>
  optionalString().refine(
    (value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)),
    { message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );

const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb|gb)?$/i, { message: 'must be a size such as 512kb or 1mb' });

export const appEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: envInt(3000, 0, 65535),
    HOST: z.string().min(1).default('0.0.0.0'),
    CLIPPY_INSTANCE_PATH: optionalString(),
    REQUIRE_INSTANCE_MOUNT: envBoolean(false),
    MEDIA_PATH_ALIAS_FROM: optionalString().refine((v) => v === undefined || isAbsolute(v), {
      message: 'must be an absolute path (a legacy prefix of stored media paths)',
    }),
    MEDIA_PATH_ALIAS_TO: optionalString().refine((v) => v === undefined || isAbsolute(v), {
      message: 'must be an absolute path, e.g. /instance',
    }),
    DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']),
    DATABASE_POOL_SIZE: envInt(10, 1, 100),
    REDIS_URL: urlWithProtocol(['redis', 'rediss']),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w:-]+$/, { message: 'may contain letters, digits, _, - and : only' })
      .default('clippyfront'),
    WORKER_API_KEY: optionalString().refine((v) => v === undefined || v.length >= 16, {
      message: 'must be at least 16 characters',
    }),
    FFMPEG_BINARY: optionalString(),
    FFPROBE_BINARY: optionalString(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    LOG_MAX_SIZE: byteSize.default('10mb'),
    LOG_MAX_FILES: envInt(5, 1, 100),
    JSON_BODY_LIMIT: byteSize.default('1mb'),
    MAX_CONTENT_LENGTH: byteSize.default('4gb'),
    STORAGE_QUOTA: byteSize.optional(),
    TUS_MAX_OPEN_UPLOADS: envInt(20, 1, 10000),
    JOB_STALL_SECONDS: envInt(120, 5, 86400),
    JOB_MAX_ATTEMPTS: envInt(3, 1, 100),
    AUTOMATION_TICK_SECONDS: envInt(60, 0, 86400),
    AUTOMATION_RUN_POLL_SECONDS: envInt(2, 1, 3600),
    AUTOMATION_RUN_LEASE_SECONDS: envInt(30, 2, 3600),
    WORKER_ONLINE_SECONDS: envInt(30, 5, 3600),
    WORKER_HEARTBEAT_TIMEOUT_SECONDS: envInt(15, 3, 3600),
    EMBEDDED_JOB_CONCURRENCY: envInt(1, 1, 16),
    ARTIFACT_REPORT_SECONDS: envInt(30, 1, 3600),
    JOBS_MAX_ACTIVE_PER_USER: envInt(100, 1, 100_000),
    JOBS_MAX_HEAVY_PER_USER: envInt(5, 1, 100_000),
    SPA_DIST_PATH: optionalString(),
    SESSION_TTL_HOURS: envInt(336, 1, 8760),
    REGISTRATION_OPEN: envBoolean(true),
    TRUST_PROXY: optionalString().transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
    ADMIN_USERNAME: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'must be 3-32 letters, digits, _ . -' })
      .default('admin'),
    ADMIN_EMAIL: z
      .email({ message: 'must be an email address' })
      .default('admin@clippyfront.local'),
    ADMIN_PASSWORD: optionalString().refine((v) => v === undefined || v.length >= 10, {
      message: 'must be at least 10 characters',
    }),
    RATELIMIT_DEFAULT: rateLimits('600 per minute'),
    RATELIMIT_LOGIN: rateLimits('10 per minute'),
    RATELIMIT_LOGIN_ACCOUNT: rateLimits('5 per 15 minutes'),
    RATELIMIT_LOGIN_ACCOUNT_CEILING: rateLimits('50 per hour'),
    LOGIN_SLOWDOWN_SECONDS: envInt(30, 1, 3600),
    RATELIMIT_COMPILE: rateLimits('30 per hour'),
    RATELIMIT_CLIPS_ADD: rateLimits('60 per hour'),
    RATELIMIT_TUS_CREATE: rateLimits('30 per minute'),
    RATELIMIT_STORAGE_URL: urlWithProtocol(['redis', 'rediss']),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ message: 'must be a list of origins such as https://a.example' }))),
    TWITCH_CLIENT_ID: optionalString(),
    TWITCH_CLIENT_SECRET: optionalString(),
    TWITCH_API_BASE: urlWithProtocol(['https', 'http']),
    TWITCH_AUTH_BASE: urlWithProtocol(['https', 'http']),
    DISCORD_BOT_TOKEN: optionalString(),
    DISCORD_API_BASE: urlWithProtocol(['https', 'http']),
    AVATARS_PATH: optionalString(),
    AVATARS_KEEP: envInt(3, 1, 1000),
    ALLOW_EXTERNAL_URLS: envBoolean(false),
    ...ingestEnvShape,
    // DOWNLOAD_ALLOW_PRIVATE_NETWORKS, DOWNLOAD_TIMEOUT_SECONDS, YT_DLP_*: as on a worker.
    ...downloadEnvShape,
    ...compileEnvShape,
  })
  .superRefine((env, ctx) => {
    if (!env.MEDIA_PATH_ALIAS_FROM !== !env.MEDIA_PATH_ALIAS_TO) {
      ctx.addIssue({
        code: 'custom',
        path: [env.MEDIA_PATH_ALIAS_FROM ? 'MEDIA_PATH_ALIAS_TO' : 'MEDIA_PATH_ALIAS_FROM'],
        message: 'MEDIA_PATH_ALIAS_FROM and MEDIA_PATH_ALIAS_TO go together',
      });
    }
    if (env.REDIS_URL && !env.WORKER_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['WORKER_API_KEY'],
        message: 'is required when REDIS_URL is set (workers authenticate with it)',
      });
    }
    checkIngestEnv(env, ctx);
    if (!env.TWITCH_CLIENT_ID !== !env.TWITCH_CLIENT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TWITCH_CLIENT_ID ? 'TWITCH_CLIENT_SECRET' : 'TWITCH_CLIENT_ID'],
        message: 'TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET go together',
      });
    }
  });

export const TWITCH_DEFAULTS = {
  apiBase: 'https://api.twitch.tv/helix',
  authBase: 'https://id.twitch.tv/oauth2',
} as const;

export const DISCORD_DEFAULTS = { apiBase: 'https://discord.com/api/v10' } as const;

/** AVATARS_PATH may name the assets root or its avatars/ folder (as the Python app allowed). */
function avatarsFolder(setting: string | undefined, instance: string): string {
  if (!setting) return join(instance, 'assets', 'avatars');
  const path = resolve(setting);
  return basename(path) === 'avatars' ? path : join(path, 'avatars');
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  paths: { instance: string; logs: string; data: string; embeddedDb: string; spa: string };
  database: { url: string | null; poolSize: number };
  redis: { url: string | null; prefix: string };
  workerApiKey: string | null;
  ffmpeg: { ffmpegBinary?: string; ffprobeBinary?: string };
  log: { level: string; maxSize: string; maxFiles: number };
  jsonBodyLimit: string;
  /** Largest upload, in bytes. */
  maxUploadBytes: number;
  /** Bytes each user may keep in the library; null = no quota (tiers will refine it). */
  storageQuotaBytes: number | null;
  /** Unfinished tus uploads a user may have at once. */
  maxOpenTusUploads: number;
  /** Stored paths starting with `from` are read as starting with `to` (legacy data). */
  mediaPathAlias: { from: string; to: string } | null;
  auth: {
    sessionTtlHours: number;
    /** REGISTRATION_OPEN: anyone may register; false: only admins create accounts. */
    registrationOpen: boolean;
    trustProxy: TrustProxy;
    admin: { username: string; email: string; password?: string };
    corsOrigins: string[];
  };
  rateLimit: {
    default: RateLimit[];
    login: RateLimit[];
    loginAccount: RateLimit[];
    loginAccountCeiling: RateLimit[];
    loginSlowdownSeconds: number;
    /** Per user, whatever IP: compile starts and clip adds. */
    perUser: { compile: RateLimit[]; clipsAdd: RateLimit[] };
    /** tus upload creations per user. */
    tusCreate: RateLimit[];
    /** Redis for the counters; null = in memory. */
    storageUrl: string | null;
  };
  jobs: {
    stallSeconds: number;
    maxAttempts: number;
    workerOnlineSeconds: number;
    /** A worker silent this long is gone: its running jobs are released. */
    heartbeatTimeoutSeconds: number;
    embeddedConcurrency: number;
    /** In-process jobs with ARTIFACTS_DIR: how often the sidecar's markers are read. */
    artifactReportSeconds: number;
    /** Default per-user caps on queued + running jobs (see JobCaps.limitsFor). */
    maxActivePerUser: number;
    maxHeavyPerUser: number;
  };
  automation: {
    /** How often the scheduler looks for due schedules; 0 = only the admin's manual tick. */
    tickSeconds: number;
    /** How often the API drives the runs it may take. */
    runPollSeconds: number;
    /** A run whose driving API process went silent this long is taken over by another. */
    runLeaseSeconds: number;
  };
  /** Helix; `credentials` null = no Twitch metadata (clips still download). */
  twitch: {
    credentials: { clientId: string; clientSecret: string } | null;
    apiBase: string;
    authBase: string;
  };
  /** Discord REST (Fetch from Discord); `botToken` null = the Discord source is off. */
  discord: { botToken: string | null; apiBase: string };
  /** Creator avatars: the folder, and how many files per creator are kept. */
  avatars: { path: string; keep: number };
  /** Clip URLs: other sites than Twitch and Discord; literal private addresses (dev/tests). */
  clipUrls: { allowExternal: boolean; allowPrivateNetworks: boolean };
  /** How in-process download jobs fetch (workers read the same variables themselves). */
  download: DownloadSettings;
  /** How in-process compile jobs render (workers read the same variables themselves). */
  compile: CompileSettings;
  /** The ingest importer (INGEST_IMPORT_*, INGEST_ROOT). */
  ingest: IngestSettings;
}

export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = parseEnv(appEnvSchema, env);
  let instance: string;
  try {
    instance = resolveInstancePath(parsed);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return {
    env: parsed.NODE_ENV,
    port: parsed.PORT,
    host: parsed.HOST,
    paths: {
      instance,
      logs: join(instance, 'logs'),
      data: join(instance, 'data'),
      embeddedDb: join(instance, 'db'),
      spa: parsed.SPA_DIST_PATH
        ? resolve(parsed.SPA_DIST_PATH)
        : join(PROJECT_ROOT, 'frontend', 'dist', 'browser'),
    },
    database: { url: parsed.DATABASE_URL ?? null, poolSize: parsed.DATABASE_POOL_SIZE },
    redis: { url: parsed.REDIS_URL ?? null, prefix: parsed.QUEUE_PREFIX },
    workerApiKey: parsed.WORKER_API_KEY ?? null,
    ffmpeg: { ffmpegBinary: parsed.FFMPEG_BINARY, ffprobeBinary: parsed.FFPROBE_BINARY },
    log: { level: parsed.LOG_LEVEL, maxSize: parsed.LOG_MAX_SIZE, maxFiles: parsed.LOG_MAX_FILES },
    jsonBodyLimit: parsed.JSON_BODY_LIMIT,
    maxUploadBytes: parseByteSize(parsed.MAX_CONTENT_LENGTH),
    storageQuotaBytes: parsed.STORAGE_QUOTA ? parseByteSize(parsed.STORAGE_QUOTA) : null,
    maxOpenTusUploads: parsed.TUS_MAX_OPEN_UPLOADS,
    mediaPathAlias:
      parsed.MEDIA_PATH_ALIAS_FROM && parsed.MEDIA_PATH_ALIAS_TO
        ? { from: parsed.MEDIA_PATH_ALIAS_FROM, to: parsed.MEDIA_PATH_ALIAS_TO }
        : null,
    auth: {
      sessionTtlHours: parsed.SESSION_TTL_HOURS,
      registrationOpen: parsed.REGISTRATION_OPEN,
      trustProxy: parsed.TRUST_PROXY,
      admin: {
        username: parsed.ADMIN_USERNAME,
        email: parsed.ADMIN_EMAIL,
        password: parsed.ADMIN_PASSWORD,
      },
      corsOrigins: parsed.CORS_ORIGINS,
    },
    rateLimit: {
      default: parsed.RATELIMIT_DEFAULT,
      login: parsed.RATELIMIT_LOGIN,
      loginAccount: parsed.RATELIMIT_LOGIN_ACCOUNT,
      loginAccountCeiling: parsed.RATELIMIT_LOGIN_ACCOUNT_CEILING,
      loginSlowdownSeconds: parsed.LOGIN_SLOWDOWN_SECONDS,
      perUser: { compile: parsed.RATELIMIT_COMPILE, clipsAdd: parsed.RATELIMIT_CLIPS_ADD },
      tusCreate: parsed.RATELIMIT_TUS_CREATE,
      storageUrl: parsed.RATELIMIT_STORAGE_URL ?? parsed.REDIS_URL ?? null,
    },
    jobs: {
      stallSeconds: parsed.JOB_STALL_SECONDS,
      maxAttempts: parsed.JOB_MAX_ATTEMPTS,
      workerOnlineSeconds: parsed.WORKER_ONLINE_SECONDS,
      heartbeatTimeoutSeconds: parsed.WORKER_HEARTBEAT_TIMEOUT_SECONDS,
      embeddedConcurrency: parsed.EMBEDDED_JOB_CONCURRENCY,
      artifactReportSeconds: parsed.ARTIFACT_REPORT_SECONDS,
      maxActivePerUser: parsed.JOBS_MAX_ACTIVE_PER_USER,
      maxHeavyPerUser: parsed.JOBS_MAX_HEAVY_PER_USER,
    },
    automation: {
      tickSeconds: parsed.AUTOMATION_TICK_SECONDS,
      runPollSeconds: parsed.AUTOMATION_RUN_POLL_SECONDS,
      runLeaseSeconds: parsed.AUTOMATION_RUN_LEASE_SECONDS,
    },
    twitch: {
      credentials:
        parsed.TWITCH_CLIENT_ID && parsed.TWITCH_CLIENT_SECRET
          ? { clientId: parsed.TWITCH_CLIENT_ID, clientSecret: parsed.TWITCH_CLIENT_SECRET }
          : null,
      apiBase: (parsed.TWITCH_API_BASE ?? TWITCH_DEFAULTS.apiBase).replace(/\/+$/, ''),
      authBase: (parsed.TWITCH_AUTH_BASE ?? TWITCH_DEFAULTS.authBase).replace(/\/+$/, ''),
    },
    discord: {
      botToken: parsed.DISCORD_BOT_TOKEN ?? null,
      apiBase: (parsed.DISCORD_API_BASE ?? DISCORD_DEFAULTS.apiBase).replace(/\/+$/, ''),
    },
    avatars: { path: avatarsFolder(parsed.AVATARS_PATH, instance), keep: parsed.AVATARS_KEEP },
    clipUrls: {
      allowExternal: parsed.ALLOW_EXTERNAL_URLS,
      allowPrivateNetworks: parsed.DOWNLOAD_ALLOW_PRIVATE_NETWORKS,
    },
    download: toDownloadSettings(parsed),
    compile: toCompileSettings(parsed),
    ingest: toIngestSettings(parsed),
  };
}

/** Nest injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
