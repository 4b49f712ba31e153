import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ANY_OWNER } from '../common/ownership.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { ClipsService } from '../clips/clips.service.js';
import type { AutomationRunEntity } from './automation-run.entity.js';
import { AutomationRunsRepository } from './automation-runs.repository.js';
import { AutomationTasksRepository } from './automation-tasks.repository.js';
import { RunFailure, RunStagesService } from './run-stages.service.js';

const CLAIM_LIMIT = 5;
/** Stages one pass may go through for one run (a loop guard; the chain has seven). */
const MAX_STEPS = 20;

/** "message (field: value, …)" of an API refusal, so a run's error keeps its numbers. */
export function describeFailure(error: unknown): string {
  if (error instanceof RunFailure) return error.message;
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const status = ` [${error.getStatus()}]`;
    if (typeof body === 'string') return `${body}${status}`;
    const {
      message,
      statusCode: _status,
      error: _name,
      rejected: _rejected,
      ...details
    } = body as Record<string, unknown>;
    const text = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
    const extra = Object.entries(details)
      .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
      .map(([key, value]) => `${key}: ${value}`);
    return `${text}${extra.length ? ` (${extra.join(', ')})` : ''}${status}`;
  }
  return `Unexpected error: ${(error as Error)?.message ?? String(error)}`;
}

/**
 * Drives runs in this API process: every AUTOMATION_RUN_POLL_SECONDS (the periodic task
 * automation-runs, which calls poll()) and when woken, it takes the runs no live
 * process holds (a lease in the row, renewed with every saved stage) and moves each as far as it
 * can without waiting. A process that dies leaves its lease to run out; another takes the run
 * and goes on from its last saved stage.
 */
@Injectable()
export class AutomationRunner implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(AutomationRunner.name);
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly runs: AutomationRunsRepository,
    private readonly tasks: AutomationTasksRepository,
    private readonly stages: RunStagesService,
    private readonly clips: ClipsService,
    private readonly queue: JobQueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first shutdown hook: a pass under way stops after its current stage. */
  onModuleDestroy(): void {
    this.stopped = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  /** A pass now (as wake()), answered when this process's passes are done. */
  async poll(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  /** A pass now (or right after the one under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: Error) => this.logger.error(`Automation pass failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pass(): Promise<void> {
    const lease = this.config.automation.runLeaseSeconds;
    const claimed = await this.runs.claim(this.owner, lease, CLAIM_LIMIT);
    for (const run of claimed) {
      try {
        await this.drive(run);
      } finally {
        await this.runs.release(run.id, this.owner);
      }
    }
  }

  private async drive(run: AutomationRunEntity): Promise<void> {
    const lease = this.config.automation.runLeaseSeconds;
    const task = await this.tasks.findById(run.taskId);
    if (!task) return;
    for (let step = 0; step < MAX_STEPS && !this.stopped; step++) {
      if (run.state !== 'running') return;
      let outcome;
      try {
        outcome = await this.stages.step(run, task);
      } catch (error) {
        const message = describeFailure(error);
        if (!(error instanceof RunFailure) && !(error instanceof HttpException)) {
          this.logger.error(`Run ${run.id} (${run.stage}): ${(error as Error).stack ?? message}`);
        }
        await this.runs.record(
          run.id,
          this.owner,
          lease,
          { state: 'failed', error: message, finishedAt: new Date() },
          [`Failed at ${run.stage}: ${message}`],
        );
        return;
      }
      const saved = await this.runs.record(
        run.id,
        this.owner,
        lease,
        outcome.changes,
        outcome.lines,
      );
      if (!saved) {
        // Cancelled meanwhile: whatever this step started is stopped too.
        const now = await this.runs.findById(run.id);
        if (now?.state === 'cancelled') await this.stopJobs({ ...now, ...outcome.changes });
        return;
      }
      Object.assign(run, outcome.changes);
      if (outcome.next === 'wait') return;
    }
  }

  /** Cancels the run's compile and the downloads no other project waits for. */
  async stopJobs(run: Pick<AutomationRunEntity, 'id' | 'ownerId' | 'projectId' | 'compilationId'>) {
    const lines: string[] = [];
    const cancel = async (jobId: string, what: string) => {
      try {
        await this.queue.cancel(jobId, ANY_OWNER);
        lines.push(`Cancelled ${what} job ${jobId}`);
      } catch {
        // Already finished: nothing to stop.
      }
    };
    const compilationId =
      run.compilationId ??
      (run.projectId ? (await this.runs.latestCompilation(run.projectId))?.id : undefined);
    const compilation = compilationId ? await this.runs.compilation(compilationId) : null;
    if (compilation?.job && ['queued', 'running'].includes(compilation.job.state)) {
      await cancel(compilation.job.id, 'compile');
    }
    if (run.projectId && (await this.runs.projectExists(run.projectId))) {
      const clips = await this.clips.list(run.projectId, { ownerId: run.ownerId });
      const live = clips
        .filter((clip) => clip.jobId && (clip.state === 'queued' || clip.state === 'downloading'))
        .map((clip) => clip.jobId!);
      for (const jobId of await this.runs.jobsOnlyFor(run.projectId, [...new Set(live)])) {
        await cancel(jobId, 'download');
      }
    }
    if (lines.length) await this.runs.appendLog(run.id, lines);
  }
}
