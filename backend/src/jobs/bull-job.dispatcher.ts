import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import {
  LEGACY_GENERAL_QUEUE,
  QUEUE_NAMES,
  type QueueJobData,
  type QueueName,
} from '@clippyfront/shared';
import { within } from '../common/within.js';
import { WorkersService } from '../workers/workers.service.js';
import type { BullQueueStats, JobDispatcher } from './job-dispatcher.js';
import type { JobEntity } from './job.entity.js';

/** A Bull queue deliveries go to: a current one, or the general queue's old name. */
type Target = QueueName | typeof LEGACY_GENERAL_QUEUE;

const REDIS_TIMEOUT_MS = 5000;
const PING_TIMEOUT_MS = 1000;

/** Bull waits for Redis forever; callers of the API must not. */
function withTimeout<T>(promise: Promise<T>, what: string, ms = REDIS_TIMEOUT_MS): Promise<T> {
  return within(promise, ms, `${what}: Redis did not answer`);
}

/** Bull queues commands while Redis is away; the API fails them at once instead. */
function assertConnected(queue: Queue, what: string): void {
  const status = queue.client.status;
  if (status !== 'ready') throw new Error(`${what}: Redis is not connected (${status})`);
}

/**
 * Puts job ids on the Bull queues that worker processes consume. Each is a wake-up: the worker's
 * claim gets the fairest queued job of that job's queue (JobsService.claim), maybe another one.
 */
@Injectable()
export class BullJobDispatcher implements JobDispatcher {
  readonly mode = 'redis' as const;
  private readonly logger = new Logger(BullJobDispatcher.name);
  private readonly queues: Record<QueueName, Queue<QueueJobData>>;

  constructor(
    @InjectQueue('gpu') gpu: Queue<QueueJobData>,
    @InjectQueue('celery') celery: Queue<QueueJobData>,
    /** The general queue's Bull name before it became `celery`: only ever drained. */
    @InjectQueue(LEGACY_GENERAL_QUEUE) private readonly legacy: Queue<QueueJobData>,
    private readonly workers: WorkersService,
  ) {
    this.queues = { gpu, celery };
  }

  async dispatch(job: JobEntity): Promise<void> {
    const route = await this.routeFor(job.queue);
    for (const target of this.targets(route, await this.workers.legacyConsumerOnline())) {
      await this.add(target, job.kind, job.id);
    }
  }

  /**
   * The Bull queues a delivery on `route` goes to: `celery` work goes to the old `cpu` queue too
   * while a worker from before the rename is online, since that one consumes only `cpu`.
   */
  private targets(route: QueueName, legacyOnline: boolean): Target[] {
    return route === 'celery' && legacyOnline ? ['celery', LEGACY_GENERAL_QUEUE] : [route];
  }

  private bull(target: Target): Queue<QueueJobData> {
    return target === LEGACY_GENERAL_QUEUE ? this.legacy : this.queues[target];
  }

  private async add(target: Target, kind: string, jobId: string): Promise<void> {
    const queue = this.bull(target);
    assertConnected(queue, `queueing job ${jobId}`);
    // A Bull id per delivery: a redelivered job never collides with a stale Bull entry,
    // and the atomic claim in the API makes any duplicate delivery harmless.
    const add = queue.add(
      kind,
      { jobId },
      { jobId: `${jobId}:${Date.now()}`, attempts: 1, removeOnComplete: true, removeOnFail: true },
    );
    await withTimeout(add, `queueing job ${jobId}`);
  }

  async cancel(): Promise<void> {
    // Workers skip a cancelled job at claim time and stop a running one at their next report.
  }

  /**
   * `gpu` work goes to `celery` while no online worker consumes `gpu` but one consumes `celery`
   * (with no worker online at all it waits on its own queue).
   */
  async routeFor(queue: QueueName): Promise<QueueName> {
    if (queue !== 'gpu') return queue;
    const online = await this.workers.online();
    const consumes = (name: QueueName) => online.some((worker) => worker.queues.includes(name));
    return !consumes('gpu') && consumes('celery') ? 'celery' : 'gpu';
  }

  async reconcile(queued: JobEntity[]): Promise<void> {
    // While a worker from before the rename is online it consumes the old queue: leave it be.
    const legacyOnline = await this.workers.legacyConsumerOnline();
    if (!legacyOnline) await this.drainLegacy(new Set(queued.map((job) => job.id)));
    if (!queued.length) return;
    // An "active" Bull entry for a job the table calls queued is a dead delivery (its worker
    // died before claiming, or the claim was released as stalled): deliver again. So is one
    // waiting on a queue no online worker takes any more. A duplicate is harmless, since only
    // one claim can win.
    const listed: Target[] = legacyOnline
      ? [...QUEUE_NAMES, LEGACY_GENERAL_QUEUE]
      : [...QUEUE_NAMES];
    const present = new Map<string, Set<Target>>();
    for (const name of listed) {
      const queue = this.bull(name);
      assertConnected(queue, 'listing queued jobs');
      const jobs = await withTimeout(
        queue.getJobs(['waiting', 'delayed', 'paused']),
        'listing queued jobs',
      );
      for (const job of jobs) {
        if (!job) continue;
        const queues = present.get(job.data.jobId) ?? new Set();
        present.set(job.data.jobId, queues.add(name));
      }
    }
    const routes = new Map<QueueName, QueueName>();
    for (const job of queued) {
      if (!routes.has(job.queue)) routes.set(job.queue, await this.routeFor(job.queue));
      for (const target of this.targets(routes.get(job.queue)!, legacyOnline)) {
        if (!present.get(job.id)?.has(target)) await this.add(target, job.kind, job.id);
      }
    }
  }

  /**
   * Wake-ups left waiting on the old `cpu` Bull queue (queued before the upgrade that renamed it)
   * move to `celery`, so no worker of this version leaves them stranded; those for jobs that are
   * no longer queued are dropped. Runs with every reconcile (at start and on each sweep) while no
   * worker from before the rename is online.
   */
  private async drainLegacy(queuedIds: Set<string>): Promise<void> {
    const what = `moving jobs off the old "${LEGACY_GENERAL_QUEUE}" queue`;
    assertConnected(this.legacy, what);
    const waiting = await withTimeout(this.legacy.getJobs(['waiting', 'delayed', 'paused']), what);
    let moved = 0;
    for (const job of waiting) {
      if (!job) continue;
      const { jobId } = job.data;
      if (queuedIds.has(jobId)) {
        await this.add('celery', job.name, jobId);
        moved++;
      }
      await this.removeLegacy(job);
    }
    if (moved) {
      this.logger.log(
        `Moved ${moved} waiting job(s) from the old "${LEGACY_GENERAL_QUEUE}" queue to "celery"`,
      );
    }
  }

  /** An old worker may have taken it meanwhile: then it is that worker's, and stays. */
  private async removeLegacy(job: Job<QueueJobData>): Promise<void> {
    try {
      await withTimeout(job.remove(), `removing old queue entry ${job.id}`);
    } catch (error) {
      this.logger.debug(`Old queue entry ${job.id} stays: ${(error as Error).message}`);
    }
  }

  async queueStats(): Promise<BullQueueStats> {
    assertConnected(this.queues.celery, 'reading queue stats');
    const info = await withTimeout(this.queues.celery.client.info(), 'reading Redis info');
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
    const memory = Number(field('used_memory'));
    const queues = {} as BullQueueStats['queues'];
    for (const name of QUEUE_NAMES) {
      const counts = await withTimeout(this.queues[name].getJobCounts(), 'counting queued jobs');
      queues[name] = { waiting: counts.waiting + counts.delayed, active: counts.active };
    }
    return {
      redis: {
        version: field('redis_version') ?? null,
        usedMemoryBytes: Number.isFinite(memory) ? memory : null,
      },
      queues,
    };
  }

  onReconnect(listener: () => void): void {
    for (const name of QUEUE_NAMES) this.queues[name].client.on('ready', listener);
  }

  async redisStatus(): Promise<{ status: 'up' | 'down'; error?: string }> {
    try {
      assertConnected(this.queues.celery, 'ping');
      await withTimeout(this.queues.celery.client.ping(), 'ping', PING_TIMEOUT_MS);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }
}
