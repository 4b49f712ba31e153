import type { HealthDto, JobDto } from '@clippyfront/shared';

export function makeJob(overrides: Partial<JobDto> = {}): JobDto {
  return {
    id: 'job-1',
    kind: 'probe',
    queue: 'cpu',
    state: 'queued',
    progress: 0,
    ownerId: null,
    payload: { durationSeconds: 2, width: 320, height: 240, fps: 25 },
    result: null,
    error: null,
    log: [],
    attempts: 0,
    maxAttempts: 3,
    workerId: null,
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

export function makeHealth(overrides: Partial<HealthDto> = {}): HealthDto {
  return {
    status: 'ok',
    version: '0.1.0-test',
    uptimeSeconds: 3_725,
    database: { status: 'up', mode: 'embedded' },
    redis: { status: 'embedded' },
    jobs: { mode: 'in-process' },
    ffmpeg: {
      available: true,
      version: '7.1.1',
      ffmpegPath: '/usr/bin/ffmpeg',
      ffprobePath: '/usr/bin/ffprobe',
    },
    workers: {
      online: 1,
      list: [
        {
          workerId: 'w-1',
          name: 'gpu-box-01',
          queues: ['gpu', 'cpu'],
          concurrency: 2,
          version: '0.1.0',
          ffmpegVersion: '7.1.1',
          lastSeenAt: new Date().toISOString(),
          online: true,
        },
      ],
    },
    ...overrides,
  };
}

/** The text of an element, whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
