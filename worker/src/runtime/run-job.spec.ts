import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jest } from '@jest/globals';
import type { ProbeResult } from '@clippyfront/shared';
import { locateFfmpeg, type FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import type { JobMediaAccess } from '../handlers/index.js';
import { ClaimLostError } from './claim-lost.js';
import type { JobUpdate } from './job-report-buffer.js';
import type { ClaimedJob, JobReporter } from './run-job.js';

const execFileAsync = promisify(execFile);

/**
 * runJob's work dirs go to a temp folder of this test file alone (node:os is mocked for run-job.ts
 * only), so work dirs that other processes create meanwhile, e.g. an API under test elsewhere,
 * cannot disturb the before/after listings below.
 */
const privateTmp = mkdtempSync(join(os.tmpdir(), 'clippyfront-run-job-spec-'));
jest.unstable_mockModule('node:os', () => ({ ...os, tmpdir: () => privateTmp }));
const { runJob } = await import('./run-job.js');

afterAll(() => {
  rmSync(privateTmp, { recursive: true, force: true });
});

afterEach(() => {
  // Nothing runJob creates may outlive it.
  expect(readdirSync(privateTmp)).toEqual([]);
});

const noMedia: JobMediaAccess = {
  input: () => Promise.reject(new Error('no media in this test')),
  saveThumbnail: () => Promise.reject(new Error('no media in this test')),
  saveOutput: () => Promise.reject(new Error('no media in this test')),
  localCopy: () => Promise.reject(new Error('no media in this test')),
  avatar: () => Promise.reject(new Error('no media in this test')),
};

const noFfmpeg: FfmpegLocation = {
  ffmpegPath: null,
  ffprobePath: null,
  version: null,
  problems: ['ffmpeg not found in ./bin or PATH; install it or set FFMPEG_BINARY'],
};

function fakeReporter(answer: { cancelled: boolean } = { cancelled: false }) {
  return {
    update: jest.fn<JobReporter['update']>(async () => answer),
    complete: jest.fn<JobReporter['complete']>(async () => undefined),
    fail: jest.fn<JobReporter['fail']>(async () => undefined),
  };
}

function probeJob(payload: Record<string, number>): ClaimedJob {
  return { jobId: 'job-1', kind: 'probe', payload, attempt: 1 };
}

/** Work dirs runJob makes for a kind, as currently present in the temp folder. */
const workDirs = (kind: string) =>
  new Set(readdirSync(privateTmp).filter((name) => name.startsWith(`clippyfront-${kind}-`)));

function newWorkDirs(kind: string, before: Set<string>): string[] {
  return [...workDirs(kind)].filter((name) => !before.has(name));
}

/**
 * PIDs of this test process's children whose command line matches `pattern` (pgrep exits 1 when
 * none match). Limited to our children so that ffmpeg runs of other processes on the machine
 * neither fail these tests nor get killed by them.
 */
async function pgrep(pattern: string): Promise<string[]> {
  try {
    const { stdout } = await execFileAsync('pgrep', ['-P', String(process.pid), '-f', pattern]);
    return stdout.split('\n').filter(Boolean);
  } catch (error) {
    if ((error as { code?: number }).code === 1) return [];
    throw error;
  }
}

/** Anything generating or reading the probe's test source (ffmpeg, and fluent-ffmpeg's ffprobe). */
const testsrcProcesses = () => pgrep('testsrc2');
/** The ffmpeg encoding the test clip itself. */
const ffmpegEncoders = () => pgrep('ffmpeg .*testsrc2');

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const allLog = (reporter: ReturnType<typeof fakeReporter>, final: JobUpdate) => [
  ...reporter.update.mock.calls.flatMap(([update]) => update.log),
  ...final.log,
];

describe('runJob', () => {
  it('fails an unknown job kind without creating a work dir', async () => {
    const reporter = fakeReporter();
    const before = workDirs('bogus');

    const outcome = await runJob(
      { jobId: 'job-x', kind: 'bogus', payload: {}, attempt: 1 },
      reporter,
      noMedia,
      noFfmpeg,
      { reportIntervalMs: 10 },
    );

    expect(outcome).toBe('failed');
    expect(reporter.fail).toHaveBeenCalledTimes(1);
    const [message, final] = reporter.fail.mock.calls[0]!;
    expect(message).toContain('Unknown job kind');
    expect(message).toContain('"bogus"');
    expect(final).toEqual({ progress: undefined, log: [] });
    expect(reporter.complete).not.toHaveBeenCalled();
    expect(newWorkDirs('bogus', before)).toEqual([]);
  });

  it('does not take inherited property names for job kinds', async () => {
    const reporter = fakeReporter();
    const outcome = await runJob(
      { jobId: 'job-x', kind: 'toString', payload: {}, attempt: 1 },
      reporter,
      noMedia,
      noFfmpeg,
    );
    expect(outcome).toBe('failed');
    expect(reporter.fail.mock.calls[0]![0]).toContain('Unknown job kind');
  });

  it('fails a probe job clearly when ffmpeg is missing, and removes its work dir', async () => {
    const reporter = fakeReporter();
    const before = workDirs('probe');

    const outcome = await runJob(
      probeJob({ durationSeconds: 1, width: 64, height: 48, fps: 10 }),
      reporter,
      noMedia,
      noFfmpeg,
    );

    expect(outcome).toBe('failed');
    expect(reporter.complete).not.toHaveBeenCalled();
    expect(reporter.fail).toHaveBeenCalledTimes(1);
    const [message] = reporter.fail.mock.calls[0]!;
    expect(message).toContain('ffmpeg is not available');
    expect(message).toContain('FFMPEG_BINARY');
    expect(newWorkDirs('probe', before)).toEqual([]);
  });

  it('never throws, even when the failure cannot be reported', async () => {
    const reporter = fakeReporter();
    reporter.fail.mockRejectedValue(new Error('API down'));
    const onReportError = jest.fn<(message: string) => void>();

    const outcome = await runJob(
      { jobId: 'job-x', kind: 'bogus', payload: {}, attempt: 1 },
      reporter,
      noMedia,
      noFfmpeg,
      { onReportError },
    );

    expect(outcome).toBe('failed');
    expect(onReportError).toHaveBeenCalledWith(
      expect.stringMatching(/^Could not report the failure \(Unknown job kind "bogus"\): API down/),
    );
  });

  // A signal aborted before runJob is called must not start the job.
  it('treats a signal aborted before the call as cancelled', async () => {
    const reporter = fakeReporter();
    const abort = new AbortController();
    abort.abort();

    const outcome = await runJob(
      probeJob({ durationSeconds: 1, width: 64, height: 48, fps: 10 }),
      reporter,
      noMedia,
      noFfmpeg,
      { signal: abort.signal },
    );

    expect(outcome).toBe('cancelled');
    expect(reporter.fail).not.toHaveBeenCalled();
  });
});

const hasFfmpeg = existsSync('/usr/bin/ffmpeg');
const withFfmpeg = hasFfmpeg ? describe : describe.skip;

withFfmpeg('runJob with the real ffmpeg', () => {
  let ffmpeg: FfmpegLocation;

  beforeAll(async () => {
    ffmpeg = await locateFfmpeg();
    expect(ffmpeg.ffmpegPath).not.toBeNull();
    expect(ffmpeg.ffprobePath).not.toBeNull();
  });

  afterEach(async () => {
    // Whatever happened, leave none of our ffmpeg children behind for the next test.
    for (const pid of await testsrcProcesses()) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('generates and probes a clip, reporting progress and the result', async () => {
    const reporter = fakeReporter();
    const before = workDirs('probe');

    const outcome = await runJob(
      probeJob({ durationSeconds: 1, width: 64, height: 48, fps: 10 }),
      reporter,
      noMedia,
      ffmpeg,
      { reportIntervalMs: 50 },
    );

    expect(reporter.fail).not.toHaveBeenCalled();
    expect(outcome).toBe('completed');
    expect(reporter.complete).toHaveBeenCalledTimes(1);
    const [result, final] = reporter.complete.mock.calls[0]! as [ProbeResult, JobUpdate];
    expect(result.ffmpegVersion).toBe(ffmpeg.version);
    expect(result.video).toEqual(
      expect.objectContaining({ codec: 'h264', width: 64, height: 48, fps: 10 }),
    );
    expect(result.audio).toEqual(expect.objectContaining({ codec: 'aac', sampleRate: 48000 }));
    expect(Math.abs(result.durationSeconds - 1)).toBeLessThanOrEqual(0.1);
    expect(result.sizeBytes).toBeGreaterThan(0);
    expect(result.formatName).toContain('mp4');
    expect(final.progress).toBe(100);
    expect(allLog(reporter, final)).toEqual(
      expect.arrayContaining([
        'Generating test clip: 64x48 @ 10 fps, 1 s',
        'Probing the clip with ffprobe',
      ]),
    );
    expect(newWorkDirs('probe', before)).toEqual([]);
  }, 60_000);

  it('stops a running job when its signal aborts: cancelled, quickly, no ffmpeg left', async () => {
    expect(await waitFor(async () => (await testsrcProcesses()).length === 0, 3000)).toBe(true);
    const reporter = fakeReporter();
    const abort = new AbortController();
    const before = workDirs('probe');

    const running = runJob(
      probeJob({ durationSeconds: 30, width: 1280, height: 720, fps: 60 }),
      reporter,
      noMedia,
      ffmpeg,
      { signal: abort.signal, reportIntervalMs: 100 },
    );
    // Abort once ffmpeg itself runs (see ffmpeg.repository.spec.ts for an abort before that).
    const started = await waitFor(async () => (await ffmpegEncoders()).length > 0, 10_000);
    expect(started).toBe(true);
    expect(newWorkDirs('probe', before)).toHaveLength(1); // the listing does see the work dir

    const abortedAt = Date.now();
    abort.abort();
    const outcome = await running;
    const elapsedMs = Date.now() - abortedAt;

    expect(outcome).toBe('cancelled');
    expect(elapsedMs).toBeLessThan(10_000);
    expect(reporter.complete).not.toHaveBeenCalled();
    expect(reporter.fail).not.toHaveBeenCalled();
    // ffmpeg was killed and reaped before runJob returned.
    expect(await ffmpegEncoders()).toEqual([]);
    // No other process (such as an ffprobe of the lavfi input) is left behind.
    expect(await testsrcProcesses()).toEqual([]);
    expect(newWorkDirs('probe', before)).toEqual([]);
  }, 60_000);

  it('stops a running job when the server answers cancelled', async () => {
    expect(await waitFor(async () => (await testsrcProcesses()).length === 0, 3000)).toBe(true);
    const reporter = fakeReporter();
    let cancelled = false;
    reporter.update.mockImplementation(async () => ({ cancelled }));

    const running = runJob(
      probeJob({ durationSeconds: 30, width: 1280, height: 720, fps: 60 }),
      reporter,
      noMedia,
      ffmpeg,
      { reportIntervalMs: 100 },
    );
    const started = await waitFor(async () => (await ffmpegEncoders()).length > 0, 10_000);
    expect(started).toBe(true);

    const cancelledAt = Date.now();
    cancelled = true;
    const outcome = await running;

    expect(outcome).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    expect(reporter.update).toHaveBeenCalled();
    expect(reporter.complete).not.toHaveBeenCalled();
    expect(reporter.fail).not.toHaveBeenCalled();
    expect(await ffmpegEncoders()).toEqual([]);
    expect(await waitFor(async () => (await testsrcProcesses()).length === 0, 3000)).toBe(true);
  }, 60_000);

  it('stops at once when a report finds the claim lost: no fail report, no ffmpeg, no folder', async () => {
    expect(await waitFor(async () => (await testsrcProcesses()).length === 0, 3000)).toBe(true);
    const before = workDirs('probe');
    const reporter = fakeReporter();
    let lost = false;
    reporter.update.mockImplementation(async () => {
      if (lost) throw new ClaimLostError('this claim is no longer current; stop working on it');
      return { cancelled: false };
    });
    const onClaimLost = jest.fn<(message: string) => void>();
    const onReportError = jest.fn<(message: string) => void>();

    const running = runJob(
      probeJob({ durationSeconds: 30, width: 1280, height: 720, fps: 60 }),
      reporter,
      noMedia,
      ffmpeg,
      { reportIntervalMs: 100, onClaimLost, onReportError },
    );
    expect(await waitFor(async () => (await ffmpegEncoders()).length > 0, 10_000)).toBe(true);

    lost = true;
    const outcome = await running;

    expect(outcome).toBe('lost');
    expect(onClaimLost).toHaveBeenCalledTimes(1);
    expect(onClaimLost).toHaveBeenCalledWith(expect.stringMatching(/no longer current/));
    expect(onReportError).not.toHaveBeenCalled();
    // The first 409 was the last report.
    const lostReports = reporter.update.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reporter.update).toHaveBeenCalledTimes(lostReports);
    expect(reporter.complete).not.toHaveBeenCalled();
    expect(reporter.fail).not.toHaveBeenCalled();
    expect(await ffmpegEncoders()).toEqual([]);
    expect(newWorkDirs('probe', before)).toEqual([]);
  }, 60_000);

  it('does not report a failure when the final report finds the claim lost', async () => {
    const reporter = fakeReporter();
    reporter.fail.mockRejectedValue(new ClaimLostError('no longer current'));
    const onClaimLost = jest.fn<(message: string) => void>();
    const outcome = await runJob(
      { jobId: 'job-1', kind: 'bogus', payload: {}, attempt: 1 },
      reporter,
      noMedia,
      noFfmpeg,
      { onClaimLost },
    );
    expect(outcome).toBe('lost');
    expect(onClaimLost).toHaveBeenCalledWith(
      'no longer current; it had failed: Unknown job kind "bogus"',
    );
  });
});
