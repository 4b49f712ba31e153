import { createHash, randomBytes } from 'node:crypto';
import { ConflictException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { JOB_KINDS, type JobDto, type JobKind, type JobListDto } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ANY_OWNER, notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import type { JobEntity } from './job.entity.js';
import { JobsRepository, type JobFilter } from './jobs.repository.js';

const MAX_LINE_LENGTH = 2000;
const MAX_LINES_PER_REPORT = 200;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function cleanLines(lines: string[] | undefined): string[] {
  return (lines ?? []).slice(-MAX_LINES_PER_REPORT).map((line) => line.slice(0, MAX_LINE_LENGTH));
}

/** The rules of a job's life: queued → running (claimed) → completed | failed | cancelled. */
@Injectable()
export class JobsService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly jobs: JobsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `jobs`: the repository of a transaction (see JobCaps.withinCaps), else the usual one.
   * `notes`: log lines from the request (e.g. what a tier cap changed), after "Queued on".
   */
  create<K extends JobKind>(
    kind: K,
    payload: unknown,
    ownerId: string | null,
    jobs = this.jobs,
    notes: string[] = [],
  ) {
    return jobs.create({
      kind,
      queue: JOB_KINDS[kind].queue,
      payload,
      ownerId,
      maxAttempts: this.config.jobs.maxAttempts,
      log: [`Queued on "${JOB_KINDS[kind].queue}"`, ...notes],
    });
  }

  async get(id: string, scope: OwnerScope = ANY_OWNER): Promise<JobEntity> {
    return notFoundUnlessOwned(await this.jobs.findById(id), scope, `Job ${id}`);
  }

  async list(filter: JobFilter, scope: OwnerScope): Promise<JobListDto> {
    const [rows, total] = await this.jobs.list({ ...filter, ...scope });
    const owners = [...new Set(rows.map((row) => row.ownerId).filter((id) => id !== null))];
    const names = await this.jobs.usernames(owners);
    const items = rows.map((row) => ({
      ...this.toDto(row),
      ownerUsername: (row.ownerId && names.get(row.ownerId)) ?? null,
    }));
    return { items, total };
  }

  failedIds(filter: { kind?: JobKind; owner?: string }, limit: number): Promise<string[]> {
    return this.jobs.failedIds(filter, limit);
  }

  findQueued(): Promise<JobEntity[]> {
    return this.jobs.findByState(['queued']);
  }

  /**
   * Hands a job to one worker with a fresh token; 409 when it is not claimable. With `fair`, the
   * job named is only a wake-up: the worker gets the fairest queued job of the same queue (see
   * JobsRepository.claimFairest), which may be another one.
   */
  async claim(
    id: string,
    workerId: string,
    options: { fair?: boolean } = {},
  ): Promise<{ job: JobEntity; token: string }> {
    const token = randomBytes(32).toString('base64url');
    if (options.fair) {
      const { queue, state, attempts, maxAttempts } = await this.get(id);
      if (state === 'queued' && attempts >= maxAttempts) {
        await this.failExhausted(id, attempts, maxAttempts);
      }
      const fairest = await this.jobs.claimFairest(queue, workerId, hashToken(token));
      if (fairest) return { job: fairest, token };
    }
    const job = await this.jobs.claim(id, workerId, hashToken(token));
    if (job) return { job, token };
    const current = await this.get(id);
    if (current.state === 'queued') {
      const error = await this.failExhausted(id, current.attempts, current.maxAttempts);
      throw new ConflictException(error);
    }
    throw new ConflictException(`Job ${id} is ${current.state} and cannot be claimed`);
  }

  /** A queued job that used all its attempts (redelivered after crashes) fails; the reason. */
  private async failExhausted(id: string, attempts: number, maxAttempts: number) {
    const error = `Gave up after ${attempts} of ${maxAttempts} attempts`;
    await this.jobs.failExhausted(id, error);
    return error;
  }

  /** The running job this token currently holds; 409 (or 404, 403 for another's) otherwise. */
  async claimed(id: string, token: string, workerId?: string): Promise<JobEntity> {
    const job = await this.jobs.findClaimed(id, hashToken(token), workerId);
    if (job) return job;
    await this.assertNotOthers(id, token, workerId);
    await this.staleClaim(id);
    throw new ConflictException(`Job ${id} was cancelled; stop working on it`);
  }

  /**
   * Progress/log from the claim holder; answers whether the job was cancelled meanwhile.
   * `workerId` (the caller's, from its worker token): the claim must be that worker's, else 403.
   */
  async report(
    id: string,
    token: string,
    progress: number | undefined,
    lines: string[] | undefined,
    workerId?: string,
  ): Promise<{ cancelled: boolean }> {
    const updated = await this.jobs.report(
      id,
      hashToken(token),
      progress ?? null,
      cleanLines(lines),
      workerId ?? null,
    );
    if (updated) return { cancelled: false };
    await this.assertNotOthers(id, token, workerId);
    return this.staleClaim(id);
  }

  async complete(id: string, token: string, result: unknown, lines?: string[], workerId?: string) {
    const done = await this.jobs.finish(
      id,
      hashToken(token),
      { state: 'completed', result },
      [...cleanLines(lines), 'Completed'],
      workerId ?? null,
    );
    if (done) return;
    await this.assertNotOthers(id, token, workerId);
    await this.staleClaim(id);
  }

  async fail(id: string, token: string, error: string, lines?: string[], workerId?: string) {
    const message = error.slice(0, MAX_LINE_LENGTH);
    const done = await this.jobs.finish(
      id,
      hashToken(token),
      { state: 'failed', error: message },
      [...cleanLines(lines), `Failed: ${message}`],
      workerId ?? null,
    );
    if (done) return;
    await this.assertNotOthers(id, token, workerId);
    // Reported too late (the worker could not reach the API before its claim was released):
    // the log still says why that attempt ended.
    await this.jobs.appendLog(id, [`An earlier attempt reported failing: ${message}`]);
    await this.staleClaim(id);
  }

  /** 403 when the claim `token` names is current but held by another worker than `workerId`. */
  private async assertNotOthers(id: string, token: string, workerId: string | undefined) {
    if (workerId === undefined) return;
    const job = await this.jobs.findClaimed(id, hashToken(token));
    if (job && job.workerId !== workerId) {
      throw new ForbiddenException(`Job ${id} is claimed by another worker`);
    }
  }

  /** A cancelled job tells its worker to stop; any other mismatch means the claim is stale. */
  private async staleClaim(id: string): Promise<{ cancelled: boolean }> {
    const job = await this.get(id);
    if (job.state === 'cancelled') return { cancelled: true };
    throw new ConflictException(
      `Job ${id} is ${job.state} and this claim is no longer current; stop working on it`,
    );
  }

  async cancel(id: string, scope: OwnerScope): Promise<JobEntity> {
    await this.get(id, scope);
    const job = await this.jobs.cancel(id, 'Cancelled by request');
    if (job) return job;
    const current = await this.get(id);
    throw new ConflictException(`Job ${id} is ${current.state} and cannot be cancelled`);
  }

  async retry(id: string, scope: OwnerScope, jobs = this.jobs): Promise<JobEntity> {
    await this.get(id, scope);
    const job = await jobs.retry(id, 'Retry requested');
    if (job) return job;
    const current = await this.get(id);
    throw new ConflictException(
      `Job ${id} is ${current.state}; only failed or cancelled jobs can be retried`,
    );
  }

  /**
   * Releases running jobs whose worker is gone (no heartbeat for WORKER_HEARTBEAT_TIMEOUT_SECONDS)
   * or silent for JOB_STALL_SECONDS (a live worker whose job hangs), counted from this process's
   * start at the earliest. With `cutoff` = now: every running job, as after a restart of the
   * process that ran them.
   */
  async releaseStalled(cutoff?: Date): Promise<JobEntity[]> {
    const released: JobEntity[] = [];
    const release = async (job: JobEntity, before: Date, why: string, workerSeenBefore?: Date) => {
      const line = `${why}; attempt ${job.attempts} of ${job.maxAttempts} abandoned`;
      const next = await this.jobs.releaseStalled(job.id, before, line, workerSeenBefore);
      if (next) released.push(next);
    };
    // Silence counts only while this process could hear it: just after an API restart, a
    // worker's heartbeats and reports sent during the outage were never received.
    const silentSince = (seconds: number) => {
      const since = Date.now() - seconds * 1000;
      return since >= this.startedAt ? new Date(since) : null;
    };
    if (!cutoff) {
      const { heartbeatTimeoutSeconds } = this.config.jobs;
      const lastBeat = silentSince(heartbeatTimeoutSeconds);
      for (const job of lastBeat ? await this.jobs.findRunningOnSilentWorkers(lastBeat) : []) {
        const why = `Worker ${job.workerId} stopped sending heartbeats (none for ${heartbeatTimeoutSeconds} s)`;
        await release(job, lastBeat!, why, lastBeat!);
      }
    }
    const before = cutoff ?? silentSince(this.config.jobs.stallSeconds);
    for (const job of before ? await this.jobs.findRunningNotUpdatedSince(before) : []) {
      await release(job, before!, `Worker ${job.workerId ?? '?'} stopped reporting`);
    }
    return released;
  }

  /**
   * Every running job of a worker goes back to the queue now (failed when out of attempts), as
   * the stall sweep does: e.g. when an admin revoked the worker, or it restarted.
   */
  async releaseWorker(workerId: string, why: string): Promise<JobEntity[]> {
    const released: JobEntity[] = [];
    const always = new Date(8.64e15);
    for (const job of await this.jobs.findRunningOf(workerId)) {
      const line = `${why}; attempt ${job.attempts} of ${job.maxAttempts} abandoned`;
      const next = await this.jobs.releaseStalled(job.id, always, line);
      if (next) released.push(next);
    }
    return released;
  }

  toDto(job: JobEntity): JobDto {
    return {
      id: job.id,
      kind: job.kind,
      queue: job.queue,
      state: job.state,
      progress: job.progress,
      ownerId: job.ownerId,
      payload: job.payload,
      result: job.result ?? null,
      error: job.error,
      log: job.log,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      workerId: job.workerId,
      createdAt: job.createdAt.toISOString(),
      updatedAt: job.updatedAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}
