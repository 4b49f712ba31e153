import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { COUNTER_STORE, type CounterStore } from '../rate-limit/counter-store.js';

export class TooManyUploadCreationsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many uploads started; try again in ${retryAfterSeconds} s (RATELIMIT_TUS_CREATE)`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * RATELIMIT_TUS_CREATE: tus creations (POST) per user, on the rate limiter's counters (shared
 * by every API process through Redis), keyed by the authenticated user; the
 * PATCHes and HEADs of an upload are not counted, one upload being many of them.
 */
@Injectable()
export class TusCreationLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one creation; refuses (429, Retry-After) past a limit. */
  async hit(userId: string): Promise<void> {
    const limits = this.config.rateLimit.tusCreate;
    for (const [i, { limit, ttlMs }] of limits.entries()) {
      const { count, resetInMs } = await this.counters.hit(`tus-create${i}:${userId}`, ttlMs);
      if (count > limit) {
        throw new TooManyUploadCreationsException(Math.max(1, Math.ceil(resetInMs / 1000)));
      }
    }
  }
}
