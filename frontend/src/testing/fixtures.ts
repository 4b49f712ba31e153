import type { ApiTokenDto, HealthDto, JobDto, UserDto } from '@clippyfront/shared';

export function makeJob(overrides: Partial<JobDto> = {}): JobDto {
  return {
    id: 'job-1',
    kind: 'probe',
    queue: 'celery',
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
    detailed: true,
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
      encoder: { encoder: 'libx264', reason: 'h264_nvenc is not in this ffmpeg' },
    },
    workers: {
      online: 1,
      list: [
        {
          workerId: 'w-1',
          name: 'gpu-box-01',
          queues: ['gpu', 'celery'],
          concurrency: 2,
          version: '0.1.0',
          ffmpegVersion: '7.1.1',
          encoder: { encoder: 'h264_nvenc', reason: 'NVENC test encode succeeded' },
          lastSeenAt: new Date().toISOString(),
          online: true,
        },
      ],
    },
    render: { ready: true, missing: [], reason: null, installCommand: null },
    clipSources: { external: false },
    ...overrides,
  };
}

export function makeUser(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: 'user-1',
    username: 'alice',
    email: 'alice@example.com',
    displayName: null,
    role: 'user',
    isActive: true,
    twitchUsername: null,
    discordUserId: null,
    tierId: null,
    watermarkOverride: 'default',
    themePreference: 'site',
    createdAt: '2026-01-01T10:00:00.000Z',
    lastLoginAt: null,
    ...overrides,
  };
}

export function makeToken(overrides: Partial<ApiTokenDto> = {}): ApiTokenDto {
  return {
    id: 'token-1',
    name: 'CI',
    prefix: 'cf_ab12',
    createdAt: '2026-01-01T10:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    ...overrides,
  };
}

/** The text of an element, whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types into an input (or textarea) the way a user would, as far as Angular forms can tell. */
export function typeInto(el: Element | null | undefined, value: string): void {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

/** Picks an option of a select. */
export function choose(el: Element | null | undefined, value: string): void {
  const select = el as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change'));
}
