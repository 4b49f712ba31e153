import { ForbiddenException, Injectable } from '@nestjs/common';
import type { RenderQuotaExceededDto } from '@clippyfront/shared';
import { RenderUsageRepository } from './render-usage.repository.js';
import { monthWindow, renderLimitOf } from './tier-limits.js';
import type { TierEntity } from './tier.entity.js';

const roundSeconds = (seconds: number) => Math.round(seconds * 10) / 10;
const clock = (seconds: number) => {
  const whole = Math.ceil(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

export class RenderQuotaExceededException extends ForbiddenException {
  constructor(answer: Omit<RenderQuotaExceededDto, 'statusCode' | 'message'>) {
    super({
      statusCode: 403,
      message:
        `Monthly render time exceeded: this compile is about ${clock(answer.estimatedSeconds)} ` +
        `long and ${clock(answer.remainingSeconds)} of your ${clock(answer.limitSeconds)} ` +
        'are left this month (compiles queued or running count). Shorten the timeline, or wait ' +
        'for the next month',
      ...answer,
    });
  }
}

/**
 * The monthly render time: what the compiles that finished this UTC month made, plus the
 * estimates of those still queued or running, must leave room for the next one. Callers hold
 * the owner's job lock (JobCaps.withinCaps), so two compiles cannot both take the last minutes.
 */
@Injectable()
export class RenderQuotaService {
  constructor(private readonly renders: RenderUsageRepository) {}

  async assertRoom(
    ownerId: string,
    tier: TierEntity | null,
    estimatedSeconds: number,
    now = new Date(),
  ): Promise<void> {
    const limitSeconds = renderLimitOf(tier);
    if (limitSeconds === null) return;
    const { start, end } = monthWindow(now);
    const used = await this.renders.secondsBetween(ownerId, start, end);
    const reserved = await this.renders.reservedSeconds(ownerId);
    const remaining = Math.max(0, limitSeconds - used - reserved);
    if (estimatedSeconds <= remaining) return;
    throw new RenderQuotaExceededException({
      remainingSeconds: roundSeconds(remaining),
      limitSeconds,
      estimatedSeconds: roundSeconds(estimatedSeconds),
    });
  }
}
