import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { defaultBinDirs, resolveBinary } from '../ffmpeg/ffmpeg-locator.js';
import { httpStatusMessage, tooLargeMessage } from './format.js';

export interface YtDlpOptions {
  binary: string;
  /** YT_DLP_ARGS; placed before ours, so they cannot change the output or the size cap. */
  extraArgs: string[];
  destDir: string;
  maxBytes: number;
  timeoutSeconds: number;
  ffmpegPath?: string | null;
  signal: AbortSignal;
  onProgress?: (percent: number) => void;
  onLog?: (line: string) => void;
  onStart?: (pid: number) => void;
  /** How often the growing output is measured against maxBytes. */
  sizeCheckMs?: number;
}

export interface YtDlpResult {
  path: string;
  sizeBytes: number;
}

/** YT_DLP_BINARY, then ./bin/yt-dlp, then PATH. */
export function locateYtDlp(
  explicit: string | undefined,
  binDirs = defaultBinDirs(),
  pathEnv = process.env.PATH ?? '',
): string {
  const { path, problem } = resolveBinary('yt-dlp', explicit, binDirs, pathEnv);
  if (!path) throw new Error(`yt-dlp is not available: ${problem}`);
  return path;
}

/** The percentage of a `--newline` progress line, e.g. "[download]  45.3% of 12.34MiB …". */
export function parseYtDlpProgress(line: string): number | null {
  const match = /^\[download\]\s+(\d+(?:\.\d+)?)%/.exec(line.trim());
  return match ? Math.min(100, Number(match[1])) : null;
}

function describeError(errorLine: string | undefined, stderrTail: string[]): string {
  const text = errorLine ?? stderrTail.at(-1) ?? 'no output';
  const status = /HTTP Error (\d{3})/.exec(text)?.[1];
  if (status) return httpStatusMessage(Number(status));
  return `yt-dlp failed: ${text.replace(/^ERROR:\s*/, '').slice(0, 300)}`;
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) {
    total += await stat(join(dir, name)).then(
      (s) => s.size,
      () => 0,
    );
  }
  return total;
}

async function findOutput(dir: string): Promise<YtDlpResult | null> {
  const names = (await readdir(dir)).filter((name) => !/\.(part|ytdl|temp)$|\.part-/.test(name));
  const files = await Promise.all(
    names.map(async (name) => ({
      path: join(dir, name),
      sizeBytes: (await stat(join(dir, name))).size,
    })),
  );
  return files.sort((a, b) => b.sizeBytes - a.sizeBytes)[0] ?? null;
}

/**
 * Runs yt-dlp into a folder of its own under `destDir`, with progress, a size cap (yt-dlp's
 * own check needs a Content-Length, so the folder is also measured while it grows) and
 * SIGKILL of its whole process group on cancel.
 */
export async function runYtDlp(url: string, options: YtDlpOptions): Promise<YtDlpResult> {
  if (options.signal.aborted) throw new Error('Cancelled');
  const outDir = join(options.destDir, 'yt-dlp');
  await mkdir(outDir, { recursive: true });
  const args = [
    '--ignore-config',
    ...options.extraArgs,
    '--no-playlist',
    '--newline',
    '--progress',
    '--max-filesize',
    String(options.maxBytes),
    '--socket-timeout',
    String(options.timeoutSeconds),
    '-o',
    join(outDir, 'download.%(ext)s'),
    ...(options.ffmpegPath ? ['--ffmpeg-location', options.ffmpegPath] : []),
    '--',
    url,
  ];
  const child = spawn(options.binary, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  if (child.pid) options.onStart?.(child.pid);
  let exited = false;
  const kill = () => {
    if (exited) return;
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  let declaredTooLarge: number | undefined;
  let grewTooLarge: number | undefined;
  let errorLine: string | undefined;
  const stderrTail: string[] = [];

  createInterface({ input: child.stdout }).on('line', (raw) => {
    const line = raw.trim();
    const percent = parseYtDlpProgress(line);
    if (percent !== null) return options.onProgress?.(percent);
    const larger = /File is larger than max-filesize \((\d+) bytes/.exec(line);
    if (larger) declaredTooLarge = Number(larger[1]);
    if (line) options.onLog?.(line);
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    if (line.startsWith('ERROR:')) errorLine ??= line;
    else if (line.startsWith('WARNING:')) options.onLog?.(line);
  });

  const sizeCheck = setInterval(() => {
    void folderSize(outDir)
      .then((size) => {
        if (size <= options.maxBytes || grewTooLarge !== undefined) return;
        grewTooLarge = size;
        kill();
      })
      .catch(() => undefined);
  }, options.sizeCheckMs ?? 500);
  options.signal.addEventListener('abort', kill, { once: true });

  const exit = await new Promise<{ code: number | null; startError?: Error }>((resolve) => {
    child.on('error', (startError) => resolve({ code: null, startError }));
    child.on('close', (code) => resolve({ code }));
  });
  exited = true;
  clearInterval(sizeCheck);
  options.signal.removeEventListener('abort', kill);
  try {
    if (options.signal.aborted) throw new Error('Cancelled');
    if (exit.startError) throw new Error(`yt-dlp could not start: ${exit.startError.message}`);
    if (grewTooLarge !== undefined) throw new Error(tooLargeMessage(null, options.maxBytes));
    if (declaredTooLarge !== undefined) {
      throw new Error(tooLargeMessage(declaredTooLarge, options.maxBytes));
    }
    if (exit.code !== 0) throw new Error(describeError(errorLine, stderrTail));
    const output = await findOutput(outDir);
    if (!output) throw new Error('yt-dlp finished without writing a file');
    if (output.sizeBytes > options.maxBytes) {
      throw new Error(tooLargeMessage(output.sizeBytes, options.maxBytes));
    }
    return output;
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}
