import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';

const NO_RATE_LIMITS = 'clippyfront:no-rate-limits';

/** Every named limit off (the stock @SkipThrottle() only skips the one named "default"). */
export const NoRateLimits = () => SetMetadata(NO_RATE_LIMITS, true);

/** The stock guard names its header Retry-After-<throttler>; clients expect plain Retry-After. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (
      this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMITS, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().header('Retry-After', String(seconds));
    throw new ThrottlerException(`Too many requests; try again in ${seconds} s`);
  }
}
