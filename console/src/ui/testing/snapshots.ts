import type { HealthDto, JobDto, SystemInfoDto } from '@clippyfront/shared';
import type { ApiSnapshot } from '../../api/api-client.js';

export const NOW = new Date('2026-01-02T10:00:00Z');

const worker = (
  id: string,
  name: string,
  encoder: 'h264_nvenc' | 'libx264',
  seenSecondsAgo: number,
  currentJobs = 0,
) => ({
  workerId: id,
  name,
  queues: ['gpu', 'celery'] as SystemInfoDto['workers'][number]['queues'],
  concurrency: 2,
  version: '0.1.0',
  ffmpegVersion: '7.1',
  encoder: { encoder, reason: 'test' },
  lastSeenAt: new Date(NOW.getTime() - seenSecondsAgo * 1000).toISOString(),
  online: true,
  currentJobs,
});

export function runningJob(id: string, workerId: string, progress: number): JobDto {
  return {
    id,
    kind: 'compile',
    queue: 'gpu',
    state: 'running',
    progress,
    ownerId: 'u1',
    ownerUsername: 'alice',
    payload: {},
    result: null,
    error: null,
    log: [],
    attempts: 1,
    maxAttempts: 3,
    workerId,
    createdAt: '2026-01-02T09:58:00Z',
    updatedAt: '2026-01-02T09:59:50Z',
    startedAt: '2026-01-02T09:58:40Z',
    finishedAt: null,
  };
}

/** An API with two workers, one of them rendering. */
export function busySnapshot(): ApiSnapshot {
  const workers = [
    worker('w-gpu', 'gpu-box', 'h264_nvenc', 2, 1),
    worker('w-cpu', 'cpu-box', 'libx264', 4),
  ];
  const health: HealthDto = {
    status: 'ok',
    detailed: true,
    version: '0.1.0',
    uptimeSeconds: 7500,
    database: { status: 'up', mode: 'postgres' },
    redis: { status: 'up' },
    jobs: { mode: 'redis' },
    ffmpeg: {
      available: true,
      version: '7.1',
      ffmpegPath: '/usr/bin/ffmpeg',
      ffprobePath: '/usr/bin/ffprobe',
      encoder: null,
    },
    workers: { online: 2, list: workers },
    render: { ready: true, missing: [], reason: null, installCommand: null },
    clipSources: { external: false },
  };
  const system = {
    version: '0.1.0',
    uptimeSeconds: 7500,
    queues: [
      { name: 'gpu', waiting: 2, active: 1, failed: 0, source: 'bull' },
      { name: 'celery', waiting: 0, active: 0, failed: 3, source: 'bull' },
    ],
    workers,
  } as unknown as SystemInfoDto;
  return {
    health,
    admin: {
      system,
      running: [runningJob('3f2a1b2c-0000-4000-8000-000000000001', 'w-gpu', 45)],
      jobCounts: { queued: 2, running: 1, completed: 240, failed: 3, cancelled: 1 },
      projects: 12,
    },
    adminError: null,
  };
}
