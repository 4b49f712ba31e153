import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { COUNTER_STORE, type CounterStore } from '../rate-limit/counter-store.js';

export class TooManyLoginsException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many failed logins for this account; try again in ${retryAfterSeconds} s`,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Who tries which login: the client's address and the username or email as typed. */
export interface LoginAttempt {
  ip: string | null;
  login: string;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Failed logins, counted so that nobody can lock an account they do not own:
 * - RATELIMIT_LOGIN_ACCOUNT per client IP and login: that IP is refused for that login;
 *   the owner, from another IP, logs in as usual.
 * - RATELIMIT_LOGIN_ACCOUNT_CEILING per login from every IP (a distributed guess): past it
 *   each IP may try that login once per LOGIN_SLOWDOWN_SECONDS. Slower, never locked.
 * Keyed by the login as typed, not the account it names: a username and an email share no
 * counter, so a 429 never tells which email belongs to which user.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(attempt: LoginAttempt): Promise<void> {
    const { perClient, perLogin, slowdown } = this.keys(attempt);
    for (const { key, limit } of perClient) {
      const { count, resetInMs } = await this.counters.peek(key);
      if (count >= limit) throw new TooManyLoginsException(seconds(resetInMs));
    }
    for (const { key, limit } of perLogin) {
      if ((await this.counters.peek(key)).count < limit) continue;
      const { count, resetInMs } = await this.counters.hit(slowdown.key, slowdown.ttlMs);
      if (count > 1) {
        const wait = seconds(resetInMs);
        throw new TooManyLoginsException(
          wait,
          `Many failed logins for this account lately: one try every ` +
            `${seconds(slowdown.ttlMs)} s; try again in ${wait} s`,
        );
      }
      return;
    }
  }

  async recordFailure(attempt: LoginAttempt): Promise<void> {
    const { perClient, perLogin } = this.keys(attempt);
    for (const { key, ttlMs } of [...perClient, ...perLogin]) await this.counters.hit(key, ttlMs);
  }

  private keys({ ip, login }: LoginAttempt) {
    const name = login.trim().toLowerCase();
    const client = ip ?? 'unknown';
    const { loginAccount, loginAccountCeiling, loginSlowdownSeconds } = this.config.rateLimit;
    return {
      perClient: loginAccount.map((limit, i) => ({
        key: `login-client${i}:${client}:${name}`,
        ...limit,
      })),
      perLogin: loginAccountCeiling.map((limit, i) => ({ key: `login-all${i}:${name}`, ...limit })),
      slowdown: { key: `login-slow:${client}:${name}`, ttlMs: loginSlowdownSeconds * 1000 },
    };
  }
}
