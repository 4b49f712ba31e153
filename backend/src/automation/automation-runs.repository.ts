import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import type { ProjectOutputSettings } from '@clippyfront/shared';
import { CompilationEntity } from '../compilations/compilation.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { AutomationRunEntity } from './automation-run.entity.js';

export type RunChanges = Partial<
  Pick<
    AutomationRunEntity,
    | 'state'
    | 'stage'
    | 'progress'
    | 'clips'
    | 'projectId'
    | 'compilationId'
    | 'skippedClips'
    | 'error'
    | 'finishedAt'
  >
>;

export const ACTIVE_RUN_STATES = ['queued', 'running'] as const;

const rowsOf = (result: unknown): { id: string }[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as { id: string }[];

/** Runs, their leases, and the few project and compilation rows a run must find again. */
@Injectable()
export class AutomationRunsRepository {
  constructor(
    @InjectRepository(AutomationRunEntity)
    private readonly runs: Repository<AutomationRunEntity>,
  ) {}

  findById(id: string): Promise<AutomationRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  listForTask(taskId: string, limit: number): Promise<AutomationRunEntity[]> {
    return this.runs.find({ where: { taskId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** The newest run of each task. */
  async latestOf(taskIds: string[]): Promise<Map<string, AutomationRunEntity>> {
    if (!taskIds.length) return new Map();
    const ids = rowsOf(
      await this.runs.query(
        `SELECT DISTINCT ON (task_id) id FROM automation_runs WHERE task_id = ANY($1)
          ORDER BY task_id, created_at DESC`,
        [taskIds],
      ),
    ).map((row) => row.id);
    const rows = ids.length ? await this.runs.findBy({ id: In(ids) }) : [];
    return new Map(rows.map((row) => [row.taskId, row]));
  }

  /**
   * A new queued run. The partial unique index on active runs of a task refuses a second one
   * (23505, see isActiveRunConflict).
   */
  create(
    fields: Pick<AutomationRunEntity, 'taskId' | 'ownerId' | 'trigger'> &
      Partial<Pick<AutomationRunEntity, 'scheduleId' | 'scheduledFor' | 'late' | 'log'>> &
      Partial<RunChanges>,
    manager: EntityManager = this.runs.manager,
  ): Promise<AutomationRunEntity> {
    const repository = manager.getRepository(AutomationRunEntity);
    return repository.save(repository.create(fields));
  }

  /**
   * Takes up to `limit` runs no live process drives (queued, or running with an expired or no
   * lease) for `owner` until the lease ends. Row locks with SKIP LOCKED: two processes never
   * take the same run.
   */
  async claim(owner: string, leaseSeconds: number, limit: number): Promise<AutomationRunEntity[]> {
    const claimed = rowsOf(
      await this.runs.query(
        `UPDATE automation_runs SET lease_owner = $1, lease_until = now() + make_interval(secs => $2),
            state = 'running', started_at = COALESCE(started_at, now())
          WHERE id IN (
            SELECT id FROM automation_runs
             WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
             ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [owner, leaseSeconds, limit],
      ),
    ).map((row) => row.id);
    if (!claimed.length) return [];
    return this.runs.find({ where: { id: In(claimed) }, order: { createdAt: 'ASC' } });
  }

  /**
   * Saves a stage's outcome and log lines, and extends the lease, only while `owner` still
   * holds the run and it is running (false: cancelled, or taken over: stop driving it).
   */
  async record(
    id: string,
    owner: string,
    leaseSeconds: number,
    changes: RunChanges,
    lines: string[] = [],
  ): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .update(AutomationRunEntity)
      .set({
        ...changes,
        log: () => `log || CAST(:lines AS jsonb)`,
        leaseUntil: () => `now() + make_interval(secs => :leaseSeconds)`,
      })
      .where('id = :id AND lease_owner = :owner AND state = :running', {
        id,
        owner,
        running: 'running',
      })
      .setParameters({ lines: JSON.stringify(lines), leaseSeconds })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Lets another pass (or process) take the run at once. */
  async release(id: string, owner: string): Promise<void> {
    await this.runs.query(
      `UPDATE automation_runs SET lease_owner = NULL, lease_until = NULL
        WHERE id = $1 AND lease_owner = $2`,
      [id, owner],
    );
  }

  /** Queued or running → cancelled; false when it had already finished. */
  async cancel(id: string, line: string): Promise<boolean> {
    const rows = rowsOf(
      await this.runs.query(
        `UPDATE automation_runs SET state = 'cancelled', finished_at = now(),
            log = log || jsonb_build_array($2::text), lease_owner = NULL, lease_until = NULL
          WHERE id = $1 AND state IN ('queued', 'running') RETURNING id`,
        [id, line],
      ),
    );
    return rows.length > 0;
  }

  /** Adds log lines whatever the run's state (a cancel's follow-up). */
  async appendLog(id: string, lines: string[]): Promise<void> {
    await this.runs.query(`UPDATE automation_runs SET log = log || $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(lines),
    ]);
  }

  projectExists(id: string): Promise<boolean> {
    return this.runs.manager.getRepository(ProjectEntity).existsBy({ id });
  }

  /** Makes the project with the id the run chose beforehand (nothing when it already exists). */
  async createProject(fields: {
    id: string;
    ownerId: string;
    name: string;
    description: string;
    output: ProjectOutputSettings;
  }): Promise<void> {
    await this.runs.manager
      .createQueryBuilder()
      .insert()
      .into(ProjectEntity)
      .values(fields)
      .orIgnore()
      .execute();
  }

  /** The newest render of a project (the run's own project: it has no other; imports aside). */
  latestCompilation(projectId: string): Promise<CompilationEntity | null> {
    return this.runs.manager
      .getRepository(CompilationEntity)
      .findOne({ where: { projectId, source: 'render' }, order: { createdAt: 'DESC' } });
  }

  /** The compilation with its job and media. */
  compilation(id: string): Promise<CompilationEntity | null> {
    return this.runs.manager
      .getRepository(CompilationEntity)
      .findOne({ where: { id }, relations: { job: true } });
  }

  /** Of these download jobs, those no clip outside the project waits for. */
  async jobsOnlyFor(projectId: string, jobIds: string[]): Promise<string[]> {
    if (!jobIds.length) return [];
    const rows = (await this.runs.query(
      `SELECT job_id FROM clips WHERE job_id = ANY($1) GROUP BY job_id
        HAVING bool_and(project_id = $2)`,
      [jobIds, projectId],
    )) as { job_id: string }[];
    return rows.map((row) => row.job_id);
  }

  /** The project of the task's latest finished run other than `runId` (replace policy). */
  async previousProjectOf(taskId: string, runId: string): Promise<string | null> {
    const rows = (await this.runs.query(
      `SELECT project_id FROM automation_runs
        WHERE task_id = $1 AND id <> $2 AND project_id IS NOT NULL
        ORDER BY created_at DESC LIMIT 1`,
      [taskId, runId],
    )) as { project_id: string }[];
    return rows[0]?.project_id ?? null;
  }
}

/** The insert refused because the task already has a queued or running run. */
export function isActiveRunConflict(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'uq_automation_runs_active_task';
}
