import { hostname } from 'node:os';
import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { QUEUE_NAMES } from '@clippyfront/shared';
import {
  ClaimLostError,
  removeOrphanedWorkDirs,
  runJob,
  type JobReporter,
} from '@clippyfront/worker';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import { WorkersService } from '../workers/workers.service.js';
import type { JobDispatcher } from './job-dispatcher.js';
import type { JobEntity } from './job.entity.js';
import { InProcessMediaAccess } from './in-process-media-access.js';
import { JobsService } from './jobs.service.js';

/** Jobs run in an API process have `embedded-<host>-<pid>` as their worker. */
export const EMBEDDED_WORKER_PREFIX = 'embedded-';

/** Well inside WORKER_HEARTBEAT_TIMEOUT_SECONDS (default 15), like a worker's default. */
const HEARTBEAT_MS = 5_000;

/**
 * Without Redis: the API process runs the worker's own job handlers, a few at a time. A queued
 * id is a wake-up, like a Bull job for a worker: each slot claims the fairest job of that queue.
 */
@Injectable()
export class InProcessJobDispatcher
  implements JobDispatcher, OnApplicationBootstrap, OnApplicationShutdown
{
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger(InProcessJobDispatcher.name);
  private readonly workerId = `${EMBEDDED_WORKER_PREFIX}${hostname()}-${process.pid}`;
  private readonly pending: string[] = [];
  private readonly slots = new Set<Promise<void>>();
  /** Claimed jobs running here, by job id. */
  private readonly running = new Map<string, AbortController>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly jobs: JobsService,
    private readonly workers: WorkersService,
    private readonly ffmpeg: FfmpegService,
    private readonly media: InProcessMediaAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    // Nothing else runs jobs in this mode: anything "running" was cut off by a restart.
    const orphans = await this.jobs.releaseStalled(new Date());
    if (orphans.length) this.logger.warn(`Requeued ${orphans.length} job(s) cut off by a restart`);
    const folders = await removeOrphanedWorkDirs();
    if (folders) this.logger.log(`Removed ${folders} job folder(s) left by stopped processes`);
    await this.reconcile(await this.jobs.findQueued());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.pending.length = 0;
    for (const abort of this.running.values()) abort.abort();
    await Promise.allSettled(this.slots);
  }

  private async beat(): Promise<void> {
    await this.workers
      .heartbeatInProcess({
        workerId: this.workerId,
        name: `${hostname()} (in-process)`,
        queues: [...QUEUE_NAMES],
        concurrency: this.config.jobs.embeddedConcurrency,
        version: 'embedded',
        ffmpegVersion: this.ffmpeg.location.version,
        encoder: this.ffmpeg.encoder,
      })
      .catch((error: Error) => this.logger.warn(`Heartbeat failed: ${error.message}`));
  }

  async dispatch(job: JobEntity): Promise<void> {
    if (this.stopped || this.pending.includes(job.id) || this.running.has(job.id)) return;
    this.pending.push(job.id);
    this.pump();
  }

  async cancel(jobId: string): Promise<void> {
    const index = this.pending.indexOf(jobId);
    if (index >= 0) this.pending.splice(index, 1);
    this.running.get(jobId)?.abort();
  }

  async reconcile(queued: JobEntity[]): Promise<void> {
    for (const job of queued) await this.dispatch(job);
  }

  async redisStatus() {
    return { status: 'embedded' as const };
  }

  private pump(): void {
    while (!this.stopped && this.slots.size < this.config.jobs.embeddedConcurrency) {
      const wakeUpId = this.pending.shift();
      if (!wakeUpId) return;
      const slot: Promise<void> = this.execute(wakeUpId).finally(() => {
        this.slots.delete(slot);
        this.pump();
      });
      this.slots.add(slot);
    }
  }

  private async execute(wakeUpId: string): Promise<void> {
    let claim;
    try {
      claim = await this.jobs.claim(wakeUpId, this.workerId, { fair: true });
    } catch (error) {
      if (error instanceof ConflictException || error instanceof NotFoundException) return;
      this.logger.error(`Claim of job ${wakeUpId} failed: ${(error as Error).message}`);
      return;
    }
    const { job, token } = claim;
    const jobId = job.id;
    const abort = new AbortController();
    this.running.set(jobId, abort);
    if (this.stopped) abort.abort();
    try {
      await this.run(job, token, abort.signal);
    } finally {
      this.running.delete(jobId);
    }
  }

  private async run(job: JobEntity, token: string, signal: AbortSignal): Promise<void> {
    const jobId = job.id;
    const reporter: JobReporter = {
      update: (update) => claimed(this.jobs.report(jobId, token, update.progress, update.log)),
      complete: (result, final) => claimed(this.jobs.complete(jobId, token, result, final.log)),
      fail: (error, final) => claimed(this.jobs.fail(jobId, token, error, final.log)),
    };
    const outcome = await runJob(
      { jobId, kind: job.kind, payload: job.payload, attempt: job.attempts },
      reporter,
      this.media.forJob(jobId),
      this.ffmpeg.location,
      {
        signal,
        download: this.config.download,
        compile: this.config.compile,
        onReportError: (message) => this.logger.warn(`Job ${jobId}: ${message}`),
        onClaimLost: (message) => this.logger.warn(`Job ${jobId}: ${message}; stopped it`),
      },
    );
    this.logger.log(`Job ${jobId} (${job.kind}) ${outcome}`);
  }
}

/** 409 from the job table: the claim was released (stalled) or taken over; stop like a worker. */
async function claimed<T>(report: Promise<T>): Promise<T> {
  try {
    return await report;
  } catch (error) {
    if (error instanceof ConflictException) throw new ClaimLostError(error.message);
    throw error;
  }
}
