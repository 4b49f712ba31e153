import type { TierDto, UsageDto } from '@clippyfront/shared';

const GB = 1024 ** 3;

/** The seeded Free tier. */
export function makeTier(overrides: Partial<TierDto> = {}): TierDto {
  return {
    id: 'tier-free',
    name: 'Free',
    description: 'Getting started',
    storageLimitBytes: GB,
    monthlyRenderSeconds: 1800,
    watermark: true,
    unlimited: false,
    active: true,
    maxResolution: '1080p',
    maxFps: 30,
    maxClipsPerProject: 20,
    canSchedule: false,
    maxSchedulesPerUser: 1,
    isDefault: true,
    userCount: 3,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** `GET /api/auth/me/usage` of a Free user who used 256 MiB and 12 minutes this month. */
export function makePlanUsage(
  overrides: {
    tier?: Partial<NonNullable<UsageDto['tier']>> | null;
    storage?: Partial<UsageDto['storage']>;
    render?: Partial<UsageDto['render']>;
  } = {},
): UsageDto {
  const tier: UsageDto['tier'] =
    overrides.tier === null
      ? null
      : {
          id: 'tier-free',
          name: 'Free',
          maxResolution: '1080p',
          maxFps: 30,
          maxClipsPerProject: 20,
          watermark: true,
          unlimited: false,
          canSchedule: false,
          maxSchedulesPerUser: 1,
          ...overrides.tier,
        };
  return {
    tier,
    storage: { usedBytes: 256 * 1024 * 1024, limitBytes: GB, ...overrides.storage },
    render: {
      usedSecondsThisMonth: 720,
      limitSeconds: 1800,
      resetsAt: '2027-01-01T00:00:00.000Z',
      ...overrides.render,
    },
  };
}
