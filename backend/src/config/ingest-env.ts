import { isAbsolute, resolve } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { envBoolean, envInt, optionalString } from '@clippyfront/shared/node';
import { INGEST_ACTIONS, type IngestSettingsDto } from '@clippyfront/shared';

export type IngestSettings = IngestSettingsDto;

const WORKER_ID = /^[A-Za-z0-9_.-]{1,100}$/;

export const ingestEnvShape = {
  INGEST_IMPORT_ENABLED: envBoolean(false),
  INGEST_ROOT: optionalString().refine((v) => v === undefined || isAbsolute(v), {
    message: 'must be an absolute path (where the artifact-sync sidecar pushes to)',
  }),
  INGEST_IMPORT_USERNAME: optionalString(),
  INGEST_IMPORT_PROJECT: optionalString().refine((v) => v === undefined || v.length <= 120, {
    message: 'must be at most 120 characters (a project name)',
  }),
  INGEST_IMPORT_CREATE_PROJECT: envBoolean(true),
  INGEST_IMPORT_PATTERN: z
    .string()
    .trim()
    .default('*.mp4')
    .transform((v) => v || '*.mp4')
    .refine((v) => !v.includes('/'), {
      message: 'must be a file-name glob such as *.mp4 (no "/")',
    })
    .refine((v) => isGlob(v), { message: 'is not a valid glob' }),
  INGEST_IMPORT_ACTION: z
    .enum(INGEST_ACTIONS, { message: `must be one of ${INGEST_ACTIONS.join(', ')}` })
    .default('copy'),
  INGEST_IMPORT_STABLE_SECONDS: envInt(60, 0, 86_400),
  INGEST_IMPORT_WORKER_IDS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => WORKER_ID.test(id) && id !== '.' && id !== '..'), {
      message: 'must be a comma-separated list of worker folder names (letters, digits, _ . -)',
    }),
  INGEST_IMPORT_INTERVAL_SECONDS: envInt(60, 5, 86_400),
};

function isGlob(pattern: string): boolean {
  try {
    picomatch(pattern);
    return true;
  } catch {
    return false;
  }
}

type IngestEnv = z.output<z.ZodObject<typeof ingestEnvShape>>;

/** With INGEST_IMPORT_ENABLED, the root, the user and the project must be named. */
export function checkIngestEnv(env: IngestEnv, ctx: z.RefinementCtx): void {
  if (!env.INGEST_IMPORT_ENABLED) return;
  const required = ['INGEST_ROOT', 'INGEST_IMPORT_USERNAME', 'INGEST_IMPORT_PROJECT'] as const;
  for (const name of required) {
    if (!env[name]) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'is required when INGEST_IMPORT_ENABLED is on',
      });
    }
  }
}

export function toIngestSettings(env: IngestEnv): IngestSettings {
  return {
    enabled: env.INGEST_IMPORT_ENABLED,
    root: env.INGEST_ROOT ? resolve(env.INGEST_ROOT) : null,
    username: env.INGEST_IMPORT_USERNAME ?? null,
    project: env.INGEST_IMPORT_PROJECT ?? null,
    createProject: env.INGEST_IMPORT_CREATE_PROJECT,
    pattern: env.INGEST_IMPORT_PATTERN,
    action: env.INGEST_IMPORT_ACTION,
    stableSeconds: env.INGEST_IMPORT_STABLE_SECONDS,
    workerIds: env.INGEST_IMPORT_WORKER_IDS,
    intervalSeconds: env.INGEST_IMPORT_INTERVAL_SECONDS,
  };
}
