import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { COUNTER_STORE, type CounterStore } from '../rate-limit/counter-store.js';

export class TooManyLoginsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed logins for this account; try again in ${retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** RATELIMIT_LOGIN_ACCOUNT: failed logins per account, whatever IPs they come from. */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Per account when the login names one (username or email alike), else per login text. */
  private keys(account: { userId?: string; login: string }) {
    const who = account.userId
      ? `user:${account.userId}`
      : `login:${account.login.trim().toLowerCase()}`;
    return this.config.rateLimit.loginAccount.map((limit, i) => ({
      key: `login-account${i}:${who}`,
      ...limit,
    }));
  }

  async assertAllowed(account: { userId?: string; login: string }): Promise<void> {
    for (const { key, limit } of this.keys(account)) {
      const { count, resetInMs } = await this.counters.peek(key);
      if (count >= limit)
        throw new TooManyLoginsException(Math.max(1, Math.ceil(resetInMs / 1000)));
    }
  }

  async recordFailure(account: { userId?: string; login: string }): Promise<void> {
    for (const { key, ttlMs } of this.keys(account)) await this.counters.hit(key, ttlMs);
  }
}
