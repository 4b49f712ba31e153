import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  ACCEPTED_QUEUE_NAMES,
  queueDeprecationMessage,
  resolveQueueNames,
  type AcceptedQueueName,
  type QueueName,
} from '@clippyfront/shared';
import { envInt, optionalString, parseEnv } from '@clippyfront/shared/node';
import {
  compileEnvShape,
  toCompileSettings,
  type CompileSettings,
} from '../compile/compile-settings.js';
import {
  downloadEnvShape,
  toDownloadSettings,
  type DownloadSettings,
} from '../download/download-settings.js';

const isAcceptedQueueName = (name: string): name is AcceptedQueueName =>
  (ACCEPTED_QUEUE_NAMES as readonly string[]).includes(name);

const workerEnvSchema = z.object({
  /** FLASK_APP_URL (the original Python workers' name) is copied in when this is unset. */
  CLIPPY_API_URL: z
    .string({ message: 'is required: the base URL of the API (FLASK_APP_URL also accepted)' })
    .regex(/^https?:\/\//, { message: 'must start with http:// or https://' }),
  /** Only to register (once); then the worker's own token, saved in WORKER_STATE_DIR. */
  WORKER_API_KEY: z
    .string({
      message:
        'is required: the key the API expects from workers (or set WORKER_REGISTRATION_TOKEN)',
    })
    .min(16, { message: 'must be at least 16 characters' }),
  WORKER_REGISTRATION_TOKEN: optionalString(),
  WORKER_STATE_DIR: optionalString(),
  REDIS_URL: z
    .string({ message: 'is required: the worker consumes the Bull queues in Redis' })
    .regex(/^rediss?:\/\//, { message: 'must start with redis:// or rediss://' }),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w:-]+$/)
    .default('clippyfront'),
  WORKER_QUEUES: z
    .string()
    .default('gpu,celery')
    .transform((value) =>
      value
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string())
        .min(1, { message: 'must name gpu and/or celery' })
        .refine((names) => names.every(isAcceptedQueueName), {
          error: (issue) =>
            `unknown queue ${(issue.input as string[])
              .filter((name) => !isAcceptedQueueName(name))
              .map((name) => `"${name}"`)
              .join(', ')}: must name gpu and/or celery ('cpu' is a deprecated name for celery)`,
        })
        .transform((names) => names.filter(isAcceptedQueueName)),
    ),
  WORKER_CONCURRENCY: envInt(1, 1, 32),
  WORKER_NAME: z.string().min(1).default(hostname()),
  // Keep under half the API's WORKER_HEARTBEAT_TIMEOUT_SECONDS (default 15).
  WORKER_HEARTBEAT_SECONDS: envInt(5, 1, 3600),
  WORKER_API_RETRY_SECONDS: envInt(600, 0, 86400),
  /** With ARTIFACTS_DIR: how often the sidecar's markers are read and new states reported. */
  ARTIFACT_REPORT_SECONDS: envInt(30, 1, 3600),
  FFMPEG_BINARY: optionalString(),
  FFPROBE_BINARY: optionalString(),
  ...downloadEnvShape,
  ...compileEnvShape,
});

export interface WorkerConfig {
  apiUrl: string;
  /** WORKER_API_KEY: registers this worker when it has no token yet (null: the token below). */
  apiKey: string | null;
  /** A one-time registration token from Admin → Workers. */
  registrationToken: string | null;
  /** Where the worker keeps its own token (worker-token.json, mode 0600). */
  stateDir: string;
  redisUrl: string;
  queuePrefix: string;
  queues: QueueName[];
  /** Jobs run at once, whichever queues they come from. */
  concurrency: number;
  name: string;
  heartbeatSeconds: number;
  /** How long reports, uploads and source reads are tried again while the API is away. */
  apiRetrySeconds: number;
  /** How often exported artifacts' states are read and reported (with ARTIFACTS_DIR). */
  artifactReportSeconds: number;
  ffmpeg: { ffmpegBinary?: string; ffprobeBinary?: string };
  download: DownloadSettings;
  compile: CompileSettings;
  /** Variables the worker refuses to use, present in its environment. */
  ignoredSecrets: string[];
  /** Settings given in a deprecated form, one line each to log at start. */
  deprecations: string[];
}

/** With a registration token, WORKER_API_KEY may be left out. */
const withRegistrationToken = workerEnvSchema.extend({
  WORKER_API_KEY: workerEnvSchema.shape.WORKER_API_KEY.optional(),
});

export function loadWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const apiUrl = env.CLIPPY_API_URL?.trim() || env.FLASK_APP_URL?.trim() || undefined;
  const schema = env.WORKER_REGISTRATION_TOKEN?.trim() ? withRegistrationToken : workerEnvSchema;
  const parsed = parseEnv(schema, { ...env, CLIPPY_API_URL: apiUrl });
  const queues = resolveQueueNames(parsed.WORKER_QUEUES);
  return {
    apiUrl: parsed.CLIPPY_API_URL.replace(/\/+$/, ''),
    apiKey: parsed.WORKER_API_KEY ?? null,
    registrationToken: parsed.WORKER_REGISTRATION_TOKEN ?? null,
    stateDir: resolve(
      parsed.WORKER_STATE_DIR ??
        join('instance', 'worker-state', parsed.WORKER_NAME.replace(/[^\w.-]/g, '_')),
    ),
    redisUrl: parsed.REDIS_URL,
    queuePrefix: parsed.QUEUE_PREFIX,
    queues: queues.queues,
    concurrency: parsed.WORKER_CONCURRENCY,
    name: parsed.WORKER_NAME,
    heartbeatSeconds: parsed.WORKER_HEARTBEAT_SECONDS,
    apiRetrySeconds: parsed.WORKER_API_RETRY_SECONDS,
    artifactReportSeconds: parsed.ARTIFACT_REPORT_SECONDS,
    ffmpeg: { ffmpegBinary: parsed.FFMPEG_BINARY, ffprobeBinary: parsed.FFPROBE_BINARY },
    download: toDownloadSettings(parsed, parsed.WORKER_NAME),
    compile: toCompileSettings(parsed),
    ignoredSecrets: ['DATABASE_URL'].filter((name) => !!env[name]),
    deprecations: queues.deprecated.length
      ? [queueDeprecationMessage('WORKER_QUEUES', queues.deprecated)]
      : [],
  };
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export const FFMPEG_LOCATION = Symbol('FFMPEG_LOCATION');
/** The compile encoder chosen at start (EncoderStatus, or null without ffmpeg). */
export const WORKER_ENCODER = Symbol('WORKER_ENCODER');
