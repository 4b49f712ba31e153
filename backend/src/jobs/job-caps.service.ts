import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { JobKind } from '@clippyfront/shared';
import { KeyedLock } from '../common/keyed-lock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobsRepository } from './jobs.repository.js';

/**
 * Kinds that count toward a user's caps. Thumbnails do not: they are made for each upload the
 * storage quota already accepted, and an accepted upload must not fail half-way.
 */
export const CAPPED_JOB_KINDS: JobKind[] = ['probe', 'download', 'compile'];
/** Kinds that hold a worker's CPU/GPU longest: a lower cap of their own. */
export const HEAVY_JOB_KINDS: JobKind[] = ['probe', 'compile'];

export interface JobLimits {
  /** Queued + running jobs of the capped kinds. */
  maxActive: number;
  /** Queued + running probe and compile jobs. */
  maxHeavy: number;
}

export class TooManyJobsException extends HttpException {
  constructor(message: string, limit: number, active: number) {
    super({ statusCode: 429, message, limit, active }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Per-user caps on queued + running jobs. */
@Injectable()
export class JobCaps {
  private readonly local = new KeyedLock();

  constructor(
    private readonly jobs: JobsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The one place a user's caps come from (account tiers will override them here). */
  async limitsFor(user: { id: string }): Promise<JobLimits> {
    void user;
    return {
      maxActive: this.config.jobs.maxActivePerUser,
      maxHeavy: this.config.jobs.maxHeavyPerUser,
    };
  }

  /**
   * Runs `task`, which queues up to `count` jobs of `kind` through the repository it is given,
   * once they fit within the user's caps (else 429). One user's check and queueing run one at a
   * time (in memory first, then a transaction holding an advisory lock, across API processes),
   * so concurrent requests cannot overshoot the caps together.
   */
  withinCaps<T>(
    user: { id: string },
    kind: JobKind,
    count: number,
    task: (jobs: JobsRepository) => Promise<T>,
  ): Promise<T> {
    return this.local.run(user.id, () =>
      this.jobs.ownerTransaction(user.id, async (jobs) => {
        await this.assertRoom(user, kind, count, jobs);
        return task(jobs);
      }),
    );
  }

  /** 429 unless `count` more jobs of `kind` fit within the user's caps. */
  async assertRoom(user: { id: string }, kind: JobKind, count = 1, jobs = this.jobs) {
    if (!CAPPED_JOB_KINDS.includes(kind) || count < 1) return;
    const limits = await this.limitsFor(user);
    const adding = count > 1 ? `; this request would add ${count}` : '';
    const active = await jobs.countActive(user.id, CAPPED_JOB_KINDS);
    if (active + count > limits.maxActive) {
      throw new TooManyJobsException(
        `Too many jobs: ${active} of yours are queued or running and the limit is ` +
          `${limits.maxActive} (JOBS_MAX_ACTIVE_PER_USER)${adding}. Wait for some to finish ` +
          'or cancel them',
        limits.maxActive,
        active,
      );
    }
    if (!HEAVY_JOB_KINDS.includes(kind)) return;
    const heavy = await jobs.countActive(user.id, HEAVY_JOB_KINDS);
    if (heavy + count > limits.maxHeavy) {
      throw new TooManyJobsException(
        `Too many probe and compile jobs: ${heavy} of yours are queued or running and the ` +
          `limit is ${limits.maxHeavy} (JOBS_MAX_HEAVY_PER_USER)${adding}. Wait for some to ` +
          'finish or cancel them',
        limits.maxHeavy,
        heavy,
      );
    }
  }
}
