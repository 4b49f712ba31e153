import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** worker/{src,dist}/ffmpeg → the repository root, whose ./bin is searched too. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface FfmpegLocation {
  ffmpegPath: string | null;
  ffprobePath: string | null;
  /** e.g. "5.1.8-0+deb12u1"; null when ffmpeg is missing or does not run. */
  version: string | null;
  /** Human-readable reasons a binary was not found, naming the variable to set. */
  problems: string[];
}

export interface LocateOptions {
  ffmpegBinary?: string;
  ffprobeBinary?: string;
  /** Folders searched before PATH (default: ./bin of the working directory and of the repo). */
  binDirs?: string[];
  pathEnv?: string;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const BINARY_VARIABLES = {
  ffmpeg: 'FFMPEG_BINARY',
  ffprobe: 'FFPROBE_BINARY',
  'yt-dlp': 'YT_DLP_BINARY',
} as const;

/** ./bin of the working directory, then of the repository. */
export function defaultBinDirs(): string[] {
  return [...new Set([resolve('bin'), join(REPO_ROOT, 'bin')])];
}

/** Resolution order: the explicit variable, then ./bin, then PATH. */
export function resolveBinary(
  name: keyof typeof BINARY_VARIABLES,
  explicit: string | undefined,
  binDirs: string[],
  pathEnv: string,
): { path: string | null; problem?: string } {
  const variable = BINARY_VARIABLES[name];
  if (explicit) {
    const path = resolve(explicit);
    return isExecutableFile(path)
      ? { path }
      : { path: null, problem: `${variable}=${explicit} is not an executable file` };
  }
  const candidates = [...binDirs, ...pathEnv.split(delimiter).filter(Boolean)].map((dir) =>
    join(dir, name),
  );
  const found = candidates.find(isExecutableFile);
  return found
    ? { path: found }
    : {
        path: null,
        problem: `${name} not found in ./bin or PATH; install it or set ${variable}`,
      };
}

export async function readFfmpegVersion(ffmpegPath: string): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync(ffmpegPath, ['-hide_banner', '-version'], {
      timeout: 10_000,
    });
    return /ffmpeg version (\S+)/.exec(stdout)?.[1] ?? null;
  } catch {
    return null;
  }
}

export async function locateFfmpeg(options: LocateOptions = {}): Promise<FfmpegLocation> {
  const binDirs = options.binDirs ?? defaultBinDirs();
  const pathEnv = options.pathEnv ?? process.env.PATH ?? '';
  const ffmpeg = resolveBinary('ffmpeg', options.ffmpegBinary, binDirs, pathEnv);
  const ffprobe = resolveBinary('ffprobe', options.ffprobeBinary, binDirs, pathEnv);
  const problems = [ffmpeg.problem, ffprobe.problem].filter((p): p is string => !!p);
  const version = ffmpeg.path ? await readFfmpegVersion(ffmpeg.path) : null;
  if (ffmpeg.path && !version) problems.push(`${ffmpeg.path} did not answer -version`);
  return { ffmpegPath: ffmpeg.path, ffprobePath: ffprobe.path, version, problems };
}

/** Thrown by a job that needs ffmpeg where it is missing: a job error, never a crash. */
export class FfmpegMissingError extends Error {
  constructor(location: FfmpegLocation) {
    super(`ffmpeg is not available: ${location.problems.join('; ')}`);
    this.name = 'FfmpegMissingError';
  }
}
