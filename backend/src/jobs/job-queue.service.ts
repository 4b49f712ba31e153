import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { JobKind, JobPayloads } from '@clippyfront/shared';
import type { OwnerScope } from '../common/ownership.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AdvisoryLock } from '../database/advisory-lock.service.js';
import { JobCaps } from './job-caps.service.js';
import { JOB_DISPATCHER, type JobDispatcher } from './job-dispatcher.js';
import type { JobEntity } from './job.entity.js';
import { JobsService } from './jobs.service.js';

/**
 * What the rest of the API calls to start, cancel and retry jobs. Also sweeps: stalled jobs go
 * back to the queue (also those of a worker whose heartbeats stopped), and queued jobs the queue
 * lost are delivered again.
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueueService.name);
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly jobs: JobsService,
    private readonly caps: JobCaps,
    private readonly lock: AdvisoryLock,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { stallSeconds, heartbeatTimeoutSeconds } = this.config.jobs;
    const everySeconds = Math.min(15, stallSeconds / 2, heartbeatTimeoutSeconds / 3);
    const everyMs = Math.max(1, everySeconds) * 1000;
    this.sweeper = setInterval(() => void this.sweep(), everyMs);
    // Redis back (possibly empty): queue at once what was saved meanwhile, not at the next sweep.
    this.dispatcher.onReconnect?.(() => void this.sweep());
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping;
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

  /** enqueue() within the owner's caps (429 over them); ownerless jobs are not capped. */
  enqueueCapped<K extends JobKind>(
    kind: K,
    payload: JobPayloads[K],
    ownerId: string | null,
  ): Promise<JobEntity> {
    if (!ownerId) return this.enqueue(kind, payload, ownerId);
    return this.withinCaps(ownerId, kind, 1, () => this.enqueue(kind, payload, ownerId));
  }

  /**
   * Runs `task` (which queues up to `count` jobs of `kind` with enqueue()) once they fit within
   * the owner's caps, else 429. The owner's check and queueing run one at a time, across API
   * processes too, so concurrent requests cannot overshoot the caps together.
   */
  withinCaps<T>(ownerId: string, kind: JobKind, count: number, task: () => Promise<T>): Promise<T> {
    return this.lock.run(`jobs:${ownerId}`, async () => {
      await this.caps.assertRoom({ id: ownerId }, kind, count);
      return task();
    });
  }

  async cancel(id: string, scope: OwnerScope): Promise<JobEntity> {
    const job = await this.jobs.cancel(id, scope);
    await this.dispatcher.cancel(id);
    return job;
  }

  /** A retried job counts toward its owner's caps like a new one. */
  async retry(id: string, scope: OwnerScope): Promise<JobEntity> {
    const { ownerId, kind } = await this.jobs.get(id, scope);
    const retry = async () => {
      const job = await this.jobs.retry(id, scope);
      await this.deliver(job);
      return job;
    };
    return ownerId ? this.withinCaps(ownerId, kind, 1, retry) : retry();
  }

  /** The job row is already saved: if the queue is down, the sweeper delivers it later. */
  private async deliver(job: JobEntity): Promise<void> {
    try {
      await this.dispatcher.dispatch(job);
    } catch (error) {
      this.logger.warn(`Job ${job.id} saved but not queued yet: ${(error as Error).message}`);
    }
  }

  sweep(): Promise<void> {
    this.sweeping ??= this.runSweep().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async runSweep(): Promise<void> {
    try {
      const released = await this.jobs.releaseStalled();
      for (const job of released) {
        this.logger.warn(`Job ${job.id} stalled; now ${job.state}`);
      }
      await this.dispatcher.reconcile(await this.jobs.findQueued());
    } catch (error) {
      this.logger.warn(`Job sweep failed: ${(error as Error).message}`);
    }
  }
}
