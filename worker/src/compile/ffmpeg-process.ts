import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface FfmpegProcessOptions {
  signal: AbortSignal;
  /** The process group is killed after this many seconds. */
  timeoutSeconds: number;
  /** Seconds of output expected, to turn ffmpeg's `-progress` out_time into a fraction 0–1. */
  expectedSeconds?: number;
  /** Called with the fraction done and the output time in seconds. */
  onProgress?: (fraction: number, outSeconds: number) => void;
  /** Piped into ffmpeg's stdin (an input of `pipe:0`); its error fails the run. */
  stdin?: Readable;
}

/** Process groups of the ffmpeg runs under way, killed if the worker exits without cancelling. */
const running = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => running.forEach(killGroup));
}

export class FfmpegCancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'FfmpegCancelledError';
  }
}

/**
 * Runs ffmpeg (`-progress` on stdout) as the leader of its own process group, so a cancel or a
 * timeout kills it and anything it started (a wrapper script's ffmpeg too), not just the parent.
 * fluent-ffmpeg, used elsewhere, can neither spawn a group nor kill more than its direct child.
 */
export function runFfmpeg(
  binary: string,
  args: string[],
  options: FfmpegProcessOptions,
): Promise<void> {
  if (options.signal.aborted) return Promise.reject(new FfmpegCancelledError());
  installExitHook();
  return new Promise((resolve, reject) => {
    const child = spawn(
      binary,
      ['-hide_banner', '-nostdin', '-nostats', '-progress', 'pipe:1', ...args],
      {
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const pid = child.pid;
    if (pid) running.add(pid);
    let stderr = '';
    let timedOut = false;
    let inputError: Error | null = null;
    const stop = () => pid && killGroup(pid);
    // ffmpeg closing its input early (it failed, or was killed) is reported by 'close'.
    child.stdin.on('error', () => {});
    if (options.stdin) {
      options.stdin.once('error', (error) => {
        inputError = error;
        stop();
      });
      options.stdin.pipe(child.stdin);
    } else child.stdin.end();
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutSeconds * 1000);
    options.signal.addEventListener('abort', stop, { once: true });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const micros = /^out_time_us=(\d+)/.exec(line)?.[1];
        if (!micros || !options.onProgress) continue;
        const seconds = Number(micros) / 1e6;
        const total = options.expectedSeconds ?? 0;
        options.onProgress(total > 0 ? Math.min(1, seconds / total) : 0, seconds);
      }
    });
    const cleanUp = () => {
      clearTimeout(timer);
      if (pid) running.delete(pid);
      options.signal.removeEventListener('abort', stop);
    };
    child.on('error', (error) => {
      cleanUp();
      reject(new Error(`Could not run ffmpeg (${binary}): ${error.message}`));
    });
    child.on('close', (code, signal) => {
      cleanUp();
      if (options.signal.aborted) return reject(new FfmpegCancelledError());
      if (inputError) return reject(inputError);
      if (timedOut) return reject(new Error(`ffmpeg timed out after ${options.timeoutSeconds} s`));
      if (code === 0) return resolve();
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`ffmpeg failed (${signal ?? `exit ${code}`})${tail ? `: ${tail}` : ''}`));
    });
  });
}

/** How long one ffmpeg run may take: generous for a slow CPU, finite for a stuck one. */
export function timeoutFor(outputSeconds: number): number {
  return Math.ceil(120 + outputSeconds * 20);
}

/** `probe` run once per ffmpeg binary for the life of the process; later calls share its answer. */
export function oncePerBinary<T>(
  probe: (ffmpeg: string) => Promise<T>,
): (ffmpeg: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (ffmpeg) => {
    let answer = answers.get(ffmpeg);
    if (!answer) {
      answer = probe(ffmpeg);
      answers.set(ffmpeg, answer);
    }
    return answer;
  };
}
