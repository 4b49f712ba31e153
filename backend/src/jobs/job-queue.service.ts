import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { JobKind, JobPayloads, RetryFailedJobsDto } from '@clippyfront/shared';
import { ANY_OWNER, type OwnerScope } from '../common/ownership.js';
import { JobCaps } from './job-caps.service.js';
import { JOB_DISPATCHER, type JobDispatcher } from './job-dispatcher.js';
import type { JobEntity } from './job.entity.js';
import { JobsService } from './jobs.service.js';

/** Failed jobs one bulk retry queues again at most. */
export const RETRY_FAILED_LIMIT = 500;
const MAX_RETRY_PROBLEMS = 10;

/**
 * What the rest of the API calls to start, cancel and retry jobs. Also sweeps (the periodic
 * job-stall-sweep, and when Redis is back): stalled jobs go back to the queue (also those of a
 * worker whose heartbeats stopped), and queued jobs the queue lost are delivered again.
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueueService.name);
  private sweeping: Promise<void> | undefined;
  private readonly retryChecks = new Map<JobKind, (job: JobEntity) => Promise<void>>();

  constructor(
    private readonly jobs: JobsService,
    private readonly caps: JobCaps,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    // Redis back (possibly empty): queue at once what was saved meanwhile, not at the next sweep.
    this.dispatcher.onReconnect?.(() => {
      this.sweep().catch((error: Error) => this.logger.warn(`Job sweep failed: ${error.message}`));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeping?.catch(() => undefined);
  }

  async enqueue<K extends JobKind>(
    kind: K,
    payload: JobPayloads[K],
    ownerId: string | null,
  ): Promise<JobEntity> {
    const job = await this.jobs.create(kind, payload, ownerId);
    await this.deliver(job);
    return job;
  }

  /**
   * enqueue() within the owner's caps (429 over them); ownerless jobs are not capped.
   * `check` runs under the owner's job lock before the job is saved (a quota that counts the
   * owner's queued jobs); `notes` start the job's log.
   */
  async enqueueCapped<K extends JobKind>(
    kind: K,
    payload: JobPayloads[K],
    ownerId: string | null,
    options: { check?: () => Promise<void>; notes?: string[] } = {},
  ): Promise<JobEntity> {
    if (!ownerId) return this.enqueue(kind, payload, ownerId);
    const job = await this.caps.withinCaps({ id: ownerId }, kind, 1, async (jobs) => {
      await options.check?.();
      return this.jobs.create(kind, payload, ownerId, jobs, options.notes);
    });
    await this.deliver(job);
    return job;
  }

  /**
   * 429 unless `count` more jobs of `kind` fit within the owner's caps: for a request that
   * queues several with enqueue() right after (under its own per-owner lock).
   */
  assertRoom(ownerId: string, kind: JobKind, count: number): Promise<void> {
    return this.caps.assertRoom({ id: ownerId }, kind, count);
  }

  async cancel(id: string, scope: OwnerScope): Promise<JobEntity> {
    const job = await this.jobs.cancel(id, scope);
    await this.dispatcher.cancel(id);
    return job;
  }

  /**
   * A rule of `kind` that a retry must pass too (403 and the like), run under the owner's job
   * lock like enqueueCapped's `check`: e.g. a compile's render time.
   */
  onRetry(kind: JobKind, check: (job: JobEntity) => Promise<void>): void {
    this.retryChecks.set(kind, check);
  }

  /** A retried job counts toward its owner's caps like a new one. */
  async retry(id: string, scope: OwnerScope): Promise<JobEntity> {
    const current = await this.jobs.get(id, scope);
    const { ownerId, kind } = current;
    const check = this.retryChecks.get(kind);
    const job = ownerId
      ? await this.caps.withinCaps({ id: ownerId }, kind, 1, async (jobs) => {
          await check?.(current);
          return this.jobs.retry(id, scope, jobs);
        })
      : await this.jobs.retry(id, scope);
    await this.deliver(job);
    return job;
  }

  /**
   * Queues failed jobs again (oldest first, at most `limit`), each within its owner's caps: a
   * job over them, or one that changed meanwhile, is skipped and named in `problems`.
   */
  async retryFailed(
    filter: { kind?: JobKind; owner?: string },
    limit = RETRY_FAILED_LIMIT,
  ): Promise<RetryFailedJobsDto> {
    const answer: RetryFailedJobsDto = { retried: 0, skipped: 0, problems: [] };
    for (const id of await this.jobs.failedIds(filter, limit)) {
      try {
        await this.retry(id, ANY_OWNER);
        answer.retried++;
      } catch (error) {
        if (!(error instanceof HttpException)) throw error;
        answer.skipped++;
        if (answer.problems.length < MAX_RETRY_PROBLEMS) {
          answer.problems.push(`Job ${id}: ${error.message}`);
        }
      }
    }
    return answer;
  }

  /** The job row is already saved: if the queue is down, the sweeper delivers it later. */
  private async deliver(job: JobEntity): Promise<void> {
    try {
      await this.dispatcher.dispatch(job);
    } catch (error) {
      this.logger.warn(`Job ${job.id} saved but not queued yet: ${(error as Error).message}`);
    }
  }

  /**
   * A worker's running jobs back to the queue (revoked, or restarted) and delivered again at
   * once; answers how many were released.
   */
  async releaseWorker(workerId: string, why: string): Promise<number> {
    const released = await this.jobs.releaseWorker(workerId, why);
    for (const job of released) this.logger.warn(`Job ${job.id}: ${why}; now ${job.state}`);
    if (released.length) {
      await this.dispatcher
        .reconcile(await this.jobs.findQueued())
        .catch((error: Error) => this.logger.warn(`Requeue failed: ${error.message}`));
    }
    return released.length;
  }

  /** One sweep at a time: a call while one runs shares it. Rejects when it failed. */
  sweep(): Promise<void> {
    this.sweeping ??= this.runSweep().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async runSweep(): Promise<void> {
    const released = await this.jobs.releaseStalled();
    for (const job of released) {
      this.logger.warn(`Job ${job.id} stalled; now ${job.state}`);
    }
    await this.dispatcher.reconcile(await this.jobs.findQueued());
  }
}
