import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, type Repository } from 'typeorm';
import type { JobKind, JobState, QueueName } from '@clippyfront/shared';
import { JobEntity } from './job.entity.js';

/** Log lines kept per job; older lines are dropped first. */
export const MAX_LOG_LINES = 1000;

export interface JobFilter {
  ownerId?: string;
  state?: JobState;
  kind?: JobKind;
  /** The owner's username, case-insensitively. */
  owner?: string;
  workerId?: string;
  limit: number;
  offset: number;
}

/** Appends $lines (a jsonb array) to "log", keeping only the newest MAX_LOG_LINES. */
const APPEND_LOG = (param: string) => `log = (
  SELECT COALESCE(jsonb_agg(line ORDER BY n), '[]'::jsonb) FROM (
    SELECT line, n FROM jsonb_array_elements(log || ${param}::jsonb) WITH ORDINALITY AS t(line, n)
    ORDER BY n DESC LIMIT ${MAX_LOG_LINES}
  ) AS newest
)`;

/** Every job-table query; each state change is one conditional UPDATE, so races are safe. */
@Injectable()
export class JobsRepository {
  constructor(@InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>) {}

  create(input: {
    kind: JobKind;
    queue: QueueName;
    payload: unknown;
    ownerId: string | null;
    maxAttempts: number;
    log: string[];
  }): Promise<JobEntity> {
    return this.jobs.save(this.jobs.create({ ...input, state: 'queued', progress: 0 }));
  }

  /**
   * Runs `task` with a repository inside a transaction that holds the owner's advisory lock, so
   * one owner's cap check and queueing run one at a time across API processes.
   */
  ownerTransaction<T>(ownerId: string, task: (jobs: JobsRepository) => Promise<T>): Promise<T> {
    return this.jobs.manager.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `jobs:${ownerId}`,
      ]);
      return task(new JobsRepository(manager.getRepository(JobEntity)));
    });
  }

  findById(id: string): Promise<JobEntity | null> {
    return this.jobs.findOneBy({ id });
  }

  async list(filter: JobFilter): Promise<[JobEntity[], number]> {
    const query = this.jobs.createQueryBuilder('job');
    if (filter.ownerId) query.andWhere('job.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.state) query.andWhere('job.state = :state', { state: filter.state });
    if (filter.kind) query.andWhere('job.kind = :kind', { kind: filter.kind });
    if (filter.workerId) query.andWhere('job.workerId = :workerId', { workerId: filter.workerId });
    if (filter.owner) {
      query.andWhere(
        'job.ownerId IN (SELECT id FROM users WHERE lower(username) = lower(:owner))',
        { owner: filter.owner },
      );
    }
    return query
      .orderBy('job.createdAt', 'DESC')
      .addOrderBy('job.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
  }

  /** Failed jobs (oldest first), optionally of one kind and one owner (username). */
  async failedIds(filter: { kind?: JobKind; owner?: string }, limit: number): Promise<string[]> {
    const query = this.jobs
      .createQueryBuilder('job')
      .select('job.id', 'id')
      .where(`job.state = 'failed'`);
    if (filter.kind) query.andWhere('job.kind = :kind', { kind: filter.kind });
    if (filter.owner) {
      query.andWhere(
        'job.ownerId IN (SELECT id FROM users WHERE lower(username) = lower(:owner))',
        { owner: filter.owner },
      );
    }
    const rows = await query
      .orderBy('job.createdAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Usernames by user id, for lists. */
  async usernames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await this.jobs.query(
      'SELECT id, username FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    )) as { id: string; username: string }[];
    return new Map(rows.map((row) => [row.id, row.username]));
  }

  /** Jobs per queue and state, from the table. */
  async countsByQueue(): Promise<{ queue: QueueName; state: JobState; count: number }[]> {
    return (await this.jobs.query(
      'SELECT queue, state, COUNT(*)::int AS count FROM jobs GROUP BY queue, state',
    )) as { queue: QueueName; state: JobState; count: number }[];
  }

  /** Running jobs per worker id. */
  async runningByWorker(): Promise<Map<string, number>> {
    const rows = (await this.jobs.query(
      `SELECT worker_id, COUNT(*)::int AS count FROM jobs
       WHERE state = 'running' AND worker_id IS NOT NULL GROUP BY worker_id`,
    )) as { worker_id: string; count: number }[];
    return new Map(rows.map((row) => [row.worker_id, row.count]));
  }

  /**
   * The job, if it is running under the claim whose token hashes to `tokenHash` (and, with
   * `workerId`, held by that worker).
   */
  findClaimed(id: string, tokenHash: string, workerId?: string): Promise<JobEntity | null> {
    return this.jobs.findOneBy({
      id,
      state: 'running',
      claimTokenHash: tokenHash,
      ...(workerId !== undefined ? { workerId } : {}),
    });
  }

  /** Running jobs one worker holds. */
  findRunningOf(workerId: string): Promise<JobEntity[]> {
    return this.jobs.find({ where: { state: 'running', workerId } });
  }

  findByState(states: JobState[]): Promise<JobEntity[]> {
    return this.jobs.find({ where: { state: In(states) }, order: { createdAt: 'ASC' } });
  }

  findRunningNotUpdatedSince(before: Date): Promise<JobEntity[]> {
    return this.jobs.find({ where: { state: 'running', updatedAt: LessThan(before) } });
  }

  /**
   * Running jobs of workers whose last heartbeat is older than `before`, the job itself silent
   * as long (a claim or report is a sign of life too). A worker without a heartbeat row is left
   * to the stall timeout.
   */
  findRunningOnSilentWorkers(before: Date): Promise<JobEntity[]> {
    return this.jobs
      .createQueryBuilder('job')
      .innerJoin('workers', 'worker', 'worker.id = job.worker_id')
      .where(`job.state = 'running'`)
      .andWhere('job.updated_at < :before', { before })
      .andWhere('worker.last_seen_at < :before', { before })
      .getMany();
  }

  private async updateReturning(sql: string, params: unknown[]): Promise<JobEntity | null> {
    const [rows] = (await this.jobs.query(`${sql} RETURNING id`, params)) as [
      { id: string }[],
      number,
    ];
    return rows.length ? this.findById(rows[0]!.id) : null;
  }

  /** queued → running for one worker, if the job is still queued. */
  claim(id: string, workerId: string, tokenHash: string): Promise<JobEntity | null> {
    return this.updateReturning(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, worker_id = $2,
        claim_token_hash = $3, progress = 0, started_at = now(), updated_at = now(),
        ${APPEND_LOG('$4')}
       WHERE id = $1 AND state = 'queued' AND attempts < max_attempts`,
      [id, workerId, tokenHash, JSON.stringify([`Claimed by ${workerId}`])],
    );
  }

  /**
   * queued → running for one worker: the fairest claimable job of `queue`. Its owner has the
   * fewest running jobs on the queue, then was served least recently (a job started in the last
   * hour, or never), then the job is the oldest. Rows another claim is taking are skipped.
   */
  claimFairest(queue: QueueName, workerId: string, tokenHash: string) {
    return this.updateReturning(
      `WITH recent AS (
         SELECT id, owner_id, state, started_at FROM jobs WHERE state = 'running' AND queue = $1
         UNION
         SELECT id, owner_id, state, started_at FROM jobs
         WHERE queue = $1 AND started_at > now() - interval '1 hour'
       ), served AS (
         SELECT owner_id, count(*) FILTER (WHERE state = 'running') AS running,
           max(started_at) AS last_started
         FROM recent GROUP BY owner_id
       ), pick AS (
         SELECT job.id FROM jobs job
         LEFT JOIN served ON served.owner_id IS NOT DISTINCT FROM job.owner_id
         WHERE job.queue = $1 AND job.state = 'queued' AND job.attempts < job.max_attempts
         ORDER BY COALESCE(served.running, 0), served.last_started NULLS FIRST, job.created_at, job.id
         LIMIT 1
         FOR UPDATE OF job SKIP LOCKED
       )
       UPDATE jobs SET state = 'running', attempts = attempts + 1, worker_id = $2,
         claim_token_hash = $3, progress = 0, started_at = now(), updated_at = now(),
         ${APPEND_LOG('$4')}
       WHERE id = (SELECT id FROM pick) AND state = 'queued'`,
      [queue, workerId, tokenHash, JSON.stringify([`Claimed by ${workerId}`])],
    );
  }

  /** Queued and running jobs of one owner, of the given kinds. */
  countActive(ownerId: string, kinds: JobKind[]): Promise<number> {
    return this.jobs.count({
      where: { ownerId, kind: In(kinds), state: In(['queued', 'running']) },
    });
  }

  /** Progress and log from the claim holder; null when the claim is no longer current. */
  report(
    id: string,
    tokenHash: string,
    progress: number | null,
    lines: string[],
    workerId: string | null = null,
  ) {
    return this.updateReturning(
      `UPDATE jobs SET progress = COALESCE($3::smallint, progress), updated_at = now(), ${APPEND_LOG('$4')}
       WHERE id = $1 AND state = 'running' AND claim_token_hash = $2
         AND ($5::varchar IS NULL OR worker_id = $5::varchar)`,
      [id, tokenHash, progress, JSON.stringify(lines), workerId],
    );
  }

  /** running → completed/failed by the claim holder. */
  finish(
    id: string,
    tokenHash: string,
    outcome: { state: 'completed'; result: unknown } | { state: 'failed'; error: string },
    lines: string[],
    workerId: string | null = null,
  ) {
    const completed = outcome.state === 'completed';
    return this.updateReturning(
      `UPDATE jobs SET state = $3::varchar, result = $4::jsonb, error = $5::text,
        updated_at = now(), finished_at = now(), claim_token_hash = NULL,
        progress = CASE WHEN $3::varchar = 'completed' THEN 100 ELSE progress END, ${APPEND_LOG('$6')}
       WHERE id = $1 AND state = 'running' AND claim_token_hash = $2
         AND ($7::varchar IS NULL OR worker_id = $7::varchar)`,
      [
        id,
        tokenHash,
        outcome.state,
        completed ? JSON.stringify(outcome.result ?? null) : null,
        completed ? null : outcome.error,
        JSON.stringify(lines),
        workerId,
      ],
    );
  }

  /** Adds lines to the log and nothing else (not even updated_at, which stall checks read). */
  async appendLog(id: string, lines: string[]): Promise<void> {
    await this.jobs.query(`UPDATE jobs SET ${APPEND_LOG('$2')} WHERE id = $1`, [
      id,
      JSON.stringify(lines),
    ]);
  }

  /** queued/running → cancelled. */
  cancel(id: string, line: string) {
    return this.updateReturning(
      `UPDATE jobs SET state = 'cancelled', claim_token_hash = NULL, updated_at = now(),
        finished_at = now(), ${APPEND_LOG('$2')}
       WHERE id = $1 AND state IN ('queued', 'running')`,
      [id, JSON.stringify([line])],
    );
  }

  /** failed/cancelled → queued with a fresh set of attempts. */
  retry(id: string, line: string) {
    return this.updateReturning(
      `UPDATE jobs SET state = 'queued', attempts = 0, progress = 0, error = NULL, result = NULL,
        worker_id = NULL, claim_token_hash = NULL, started_at = NULL, finished_at = NULL,
        updated_at = now(), ${APPEND_LOG('$2')}
       WHERE id = $1 AND state IN ('failed', 'cancelled')`,
      [id, JSON.stringify([line])],
    );
  }

  /**
   * A running job whose worker went silent: back to the queue while attempts remain,
   * failed otherwise. The cutoff is re-checked, so a report that just arrived wins; with
   * `workerSeenBefore`, so does a heartbeat of the job's worker.
   */
  releaseStalled(id: string, cutoff: Date, line: string, workerSeenBefore?: Date) {
    const heartbeat = workerSeenBefore
      ? `AND EXISTS (SELECT 1 FROM workers w WHERE w.id = jobs.worker_id AND w.last_seen_at < $5)`
      : '';
    return this.updateReturning(
      `UPDATE jobs SET
        state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
        error = CASE WHEN attempts < max_attempts THEN NULL ELSE $3::text END,
        finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE now() END,
        worker_id = NULL, claim_token_hash = NULL, updated_at = now(), ${APPEND_LOG('$4')}
       WHERE id = $1 AND state = 'running' AND updated_at < $2 ${heartbeat}`,
      [id, cutoff, line, JSON.stringify([line]), ...(workerSeenBefore ? [workerSeenBefore] : [])],
    );
  }

  /** A queued job that has used all attempts (e.g. redelivered after crashes) → failed. */
  failExhausted(id: string, error: string) {
    return this.updateReturning(
      `UPDATE jobs SET state = 'failed', error = $2::text, finished_at = now(), updated_at = now(),
        ${APPEND_LOG('$3')}
       WHERE id = $1 AND state = 'queued' AND attempts >= max_attempts`,
      [id, error, JSON.stringify([error])],
    );
  }

  async deleteOwnedBy(ownerId: string): Promise<void> {
    await this.jobs.delete({ ownerId });
  }
}
