import { resolve } from 'node:path';
import { z } from 'zod';
import { envBoolean, envInt, optionalString, parseEnv } from '@clippyfront/shared/node';
import { EMBEDDED_WORKER_NAME, type ArtifactSettings } from '../artifacts/artifact-settings.js';
import { splitShellArgs } from './shell-args.js';

/** How download jobs fetch clips; the same variables for a worker and for the API's jobs. */
export interface DownloadSettings {
  /** DOWNLOAD_ALLOW_PRIVATE_NETWORKS: development and tests only. */
  allowPrivateNetworks: boolean;
  /** DOWNLOAD_TIMEOUT_SECONDS: longest wait for a connection or for the next bytes. */
  timeoutSeconds: number;
  /** YT_DLP_BINARY; unset: ./bin/yt-dlp, then PATH. */
  ytDlpBinary?: string;
  /** YT_DLP_ARGS, split like a shell would. */
  ytDlpArgs: string[];
  /** ARTIFACTS_DIR: each downloaded clip is also exported there; unset: no export. */
  artifacts?: ArtifactSettings;
}

export const downloadEnvShape = {
  DOWNLOAD_ALLOW_PRIVATE_NETWORKS: envBoolean(false),
  DOWNLOAD_TIMEOUT_SECONDS: envInt(60, 1, 3600),
  YT_DLP_BINARY: optionalString(),
  YT_DLP_ARGS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return splitShellArgs(value ?? '');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  ARTIFACTS_DIR: optionalString(),
};

/** `workerName` goes into artifact manifests: a worker's WORKER_NAME, else "embedded". */
export function toDownloadSettings(
  parsed: z.output<z.ZodObject<typeof downloadEnvShape>>,
  workerName = EMBEDDED_WORKER_NAME,
): DownloadSettings {
  return {
    allowPrivateNetworks: parsed.DOWNLOAD_ALLOW_PRIVATE_NETWORKS,
    timeoutSeconds: parsed.DOWNLOAD_TIMEOUT_SECONDS,
    ytDlpBinary: parsed.YT_DLP_BINARY,
    ytDlpArgs: parsed.YT_DLP_ARGS,
    artifacts: parsed.ARTIFACTS_DIR
      ? { dir: resolve(parsed.ARTIFACTS_DIR), worker: workerName }
      : undefined,
  };
}

export function loadDownloadSettings(env: NodeJS.ProcessEnv): DownloadSettings {
  return toDownloadSettings(parseEnv(z.object(downloadEnvShape), env));
}
