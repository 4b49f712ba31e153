import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorResponse } from '../common/error.dto.js';
import { COUNTER_STORE, type CounterStore } from './counter-store.js';

/** The per-user limits (RATELIMIT_COMPILE, RATELIMIT_CLIPS_ADD) and what they count. */
const ACTIONS = {
  compile: { setting: 'RATELIMIT_COMPILE', what: 'compile starts' },
  clipsAdd: { setting: 'RATELIMIT_CLIPS_ADD', what: 'clip additions' },
} as const;
type UserAction = keyof typeof ACTIONS;

const USER_RATE_LIMIT = 'clippyfront:user-rate-limit';

/** 3_600_000 → "hour", 900_000 → "15 minutes". */
function windowText(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  const [size, unit] = units.find(([size]) => ms % size === 0) ?? [1000, 'second'];
  const count = Math.round(ms / size);
  return count === 1 ? unit : `${count} ${unit}s`;
}

export class TooManyUserRequestsException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Counts each request of the signed-in user on this route, whatever IP it comes from. */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<UserAction>(USER_RATE_LIMIT, context.getHandler());
    const user = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
    if (!action || !user) return true;
    const limits = this.config.rateLimit.perUser[action];
    for (const [i, { limit, ttlMs }] of limits.entries()) {
      const { count, resetInMs } = await this.counters.hit(`${action}${i}:user:${user.id}`, ttlMs);
      if (count > limit) {
        const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
        const { setting, what } = ACTIONS[action];
        throw new TooManyUserRequestsException(
          `Too many ${what}: at most ${limit} per ${windowText(ttlMs)} for each user ` +
            `(${setting}); try again in ${seconds} s`,
          seconds,
        );
      }
    }
    return true;
  }
}

/** The route counts toward the signed-in user's limit for `action` (429 with Retry-After). */
export const UserRateLimit = (action: UserAction) =>
  applyDecorators(
    SetMetadata(USER_RATE_LIMIT, action),
    UseGuards(UserRateLimitGuard),
    ApiTooManyRequestsResponse({
      type: ErrorResponse,
      description: `${ACTIONS[action].setting} (per user), or the user's job caps`,
    }),
  );
