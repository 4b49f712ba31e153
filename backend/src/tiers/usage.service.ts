import { Injectable } from '@nestjs/common';
import type { UsageDto } from '@clippyfront/shared';
import { StorageQuotaService } from '../media/storage-quota.service.js';
import { RenderUsageRepository } from './render-usage.repository.js';
import { monthWindow, renderLimitOf } from './tier-limits.js';
import { TiersRepository } from './tiers.repository.js';

/** A user's plan and what they used of it: the profile's "plan" panel. */
@Injectable()
export class UsageService {
  constructor(
    private readonly tiers: TiersRepository,
    private readonly quota: StorageQuotaService,
    private readonly renders: RenderUsageRepository,
  ) {}

  async of(userId: string, now = new Date()): Promise<UsageDto> {
    const tier = await this.tiers.tierOfUser(userId);
    const { usedBytes, limitBytes } = await this.quota.room(userId);
    const { start, end } = monthWindow(now);
    const usedSeconds = await this.renders.secondsBetween(userId, start, end);
    return {
      tier: tier && {
        id: tier.id,
        name: tier.name,
        maxResolution: tier.maxResolution,
        maxFps: tier.maxFps,
        maxClipsPerProject: tier.maxClipsPerProject,
        watermark: tier.watermark,
        unlimited: tier.unlimited,
        canSchedule: tier.canSchedule,
        maxSchedulesPerUser: tier.maxSchedulesPerUser,
      },
      storage: { usedBytes, limitBytes },
      render: {
        usedSecondsThisMonth: Math.round(usedSeconds * 1000) / 1000,
        limitSeconds: renderLimitOf(tier),
        resetsAt: end.toISOString(),
      },
    };
  }
}
