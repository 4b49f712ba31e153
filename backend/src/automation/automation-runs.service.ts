import { ConflictException, Injectable } from '@nestjs/common';
import type { AutomationRunDto, StartRunResponse } from '@clippyfront/shared';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { toRunDto } from './automation-dto.js';
import { AutomationRunner } from './automation-runner.service.js';
import { AutomationRunsRepository, isActiveRunConflict } from './automation-runs.repository.js';
import { AutomationTasksService } from './automation-tasks.service.js';

const HISTORY_LIMIT = 100;

/** Starting, reading and cancelling runs; AutomationRunner drives them. */
@Injectable()
export class AutomationRunsService {
  constructor(
    private readonly runs: AutomationRunsRepository,
    private readonly tasks: AutomationTasksService,
    private readonly runner: AutomationRunner,
  ) {}

  /** 409 while the task has a queued or running run. */
  async start(taskId: string, scope: OwnerScope): Promise<StartRunResponse> {
    const task = await this.tasks.owned(taskId, scope);
    try {
      const run = await this.runs.create({
        taskId: task.id,
        ownerId: task.ownerId,
        trigger: 'manual',
        log: [`Run now (${new Date().toISOString()})`],
      });
      this.runner.wake();
      return { runId: run.id };
    } catch (error) {
      if (!isActiveRunConflict(error)) throw error;
      throw new ConflictException(
        `Task “${task.name}” is already running: wait for its run to finish, or cancel it`,
      );
    }
  }

  async list(taskId: string, scope: OwnerScope): Promise<AutomationRunDto[]> {
    const task = await this.tasks.owned(taskId, scope);
    const rows = await this.runs.listForTask(task.id, HISTORY_LIMIT);
    return Promise.all(rows.map((row) => this.dto(row)));
  }

  async get(id: string, scope: OwnerScope): Promise<AutomationRunDto> {
    const run = notFoundUnlessOwned(await this.runs.findById(id), scope, 'Run');
    return this.dto(run);
  }

  /** Stops the chain and its jobs; 409 when the run had already finished. */
  async cancel(id: string, scope: OwnerScope): Promise<AutomationRunDto> {
    const run = notFoundUnlessOwned(await this.runs.findById(id), scope, 'Run');
    if (!(await this.runs.cancel(run.id, `Cancelled (${new Date().toISOString()})`))) {
      throw new ConflictException(
        `The run is ${run.state}; only queued or running runs can be cancelled`,
      );
    }
    await this.runner.stopJobs(run);
    return this.get(run.id, scope);
  }

  private async dto(run: Parameters<typeof toRunDto>[0]): Promise<AutomationRunDto> {
    const compilation = run.compilationId ? await this.runs.compilation(run.compilationId) : null;
    const video = compilation?.job?.state === 'completed' ? compilation.mediaId : null;
    return toRunDto(run, video);
  }
}
