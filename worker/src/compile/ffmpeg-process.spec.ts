import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfmpegCancelledError, runFfmpeg, timeoutFor } from './ffmpeg-process.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-ffmpeg-process-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A wrapper that starts a child without exec (as a careless wrapper script would). */
function wrapper(name: string, body: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, ['#!/bin/sh', ...body].join('\n'), { mode: 0o755 });
  return path;
}

const running = (marker: string) => spawnSync('pgrep', ['-f', marker]).stdout.toString().trim();

describe('runFfmpeg', () => {
  it('reports progress from -progress and resolves on success', async () => {
    const fake = wrapper('progress', [
      'printf "frame=1\\nout_time_us=500000\\nprogress=continue\\n"',
      'printf "out_time_us=1000000\\nprogress=end\\n"',
    ]);
    const seen: [number, number][] = [];
    await runFfmpeg(fake, [], {
      signal: new AbortController().signal,
      timeoutSeconds: 10,
      expectedSeconds: 2,
      onProgress: (fraction, seconds) => seen.push([fraction, seconds]),
    });
    expect(seen).toEqual([
      [0.25, 0.5],
      [0.5, 1],
    ]);
  });

  it('rejects with the end of stderr when ffmpeg fails', async () => {
    const fake = wrapper('fails', ['echo "line 1" >&2', 'echo "Unknown encoder" >&2', 'exit 3']);
    await expect(
      runFfmpeg(fake, [], { signal: new AbortController().signal, timeoutSeconds: 10 }),
    ).rejects.toThrow('ffmpeg failed (exit 3): line 1 | Unknown encoder');
  });

  it('kills the whole process group on cancel', async () => {
    const marker = wrapper('cancel-child', ['sleep 30']);
    const fake = wrapper('cancel', [`"${marker}" &`, `"${marker}"`]);
    const abort = new AbortController();
    const run = runFfmpeg(fake, [], { signal: abort.signal, timeoutSeconds: 60 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running(marker)).not.toBe('');
    abort.abort();
    await expect(run).rejects.toBeInstanceOf(FfmpegCancelledError);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running(marker)).toBe('');
  });

  it('kills the whole process group on timeout', async () => {
    const marker = wrapper('timeout-child', ['sleep 30']);
    const fake = wrapper('slow', [`"${marker}" &`, `"${marker}"`]);
    await expect(
      runFfmpeg(fake, [], { signal: new AbortController().signal, timeoutSeconds: 0.5 }),
    ).rejects.toThrow('ffmpeg timed out after 0.5 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running(marker)).toBe('');
  });

  it('does not start for a signal already aborted, nor for a missing binary', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      runFfmpeg('/bin/true', [], { signal: abort.signal, timeoutSeconds: 5 }),
    ).rejects.toThrow('Cancelled');
    await expect(
      runFfmpeg(join(dir, 'missing'), [], {
        signal: new AbortController().signal,
        timeoutSeconds: 5,
      }),
    ).rejects.toThrow(/Could not run ffmpeg/);
  });

  it('allows generous but finite time', () => {
    expect(timeoutFor(0)).toBe(120);
    expect(timeoutFor(30)).toBe(720);
  });
});
