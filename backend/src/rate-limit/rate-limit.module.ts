import {
  type DynamicModule,
  type ExecutionContext,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config.js';
import { isLoginRoute } from '../auth/auth.decorators.js';
import { AppThrottlerGuard } from './app-throttler.guard.js';
import {
  COUNTER_STORE,
  MemoryCounterStore,
  RedisCounterStore,
  type CounterStore,
} from './counter-store.js';
import { CounterThrottlerStorage } from './counter-throttler.storage.js';
import { FallbackCounterStore } from './fallback-counter.store.js';

/** The counters, created when the app starts (not when modules are merely described). */
@Module({})
class CounterStoreModule implements OnApplicationShutdown {
  constructor(@Inject(COUNTER_STORE) private readonly store: CounterStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CounterStoreModule,
      providers: [
        {
          provide: COUNTER_STORE,
          useFactory: async (): Promise<CounterStore> => {
            if (!config.rateLimit.storageUrl) return new MemoryCounterStore();
            const redis = new RedisCounterStore(config.rateLimit.storageUrl, config.redis.prefix);
            await redis.connect();
            return new FallbackCounterStore(redis);
          },
        },
      ],
      exports: [COUNTER_STORE],
    };
  }

  onApplicationShutdown() {
    return this.store.close();
  }
}

/**
 * RATELIMIT_DEFAULT on every route, RATELIMIT_LOGIN per IP on login; counters in Redis when
 * RATELIMIT_STORAGE_URL (or REDIS_URL) is set, so all API processes share them (each process
 * counts on its own while that Redis is unreachable).
 */
@Global()
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    const counters = CounterStoreModule.forRoot(config);
    const reflector = new Reflector();
    return {
      module: RateLimitModule,
      imports: [
        counters,
        ThrottlerModule.forRootAsync({
          imports: [counters],
          inject: [COUNTER_STORE],
          useFactory: (store: CounterStore) => ({
            storage: new CounterThrottlerStorage(store),
            throttlers: [
              ...config.rateLimit.default.map((limit, i) => ({
                name: `default${i}`,
                limit: limit.limit,
                ttl: limit.ttlMs,
              })),
              ...config.rateLimit.login.map((limit, i) => ({
                name: `login${i}`,
                limit: limit.limit,
                ttl: limit.ttlMs,
                skipIf: (context: ExecutionContext) => !isLoginRoute(reflector, context),
              })),
            ],
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AppThrottlerGuard }],
      exports: [counters],
    };
  }
}
