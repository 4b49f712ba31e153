import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  ARRANGEMENT_RULES,
  AUTOMATION_RULES,
  COMPILE_RESOLUTIONS,
  DEFAULT_OUTPUT_SETTINGS,
  type AutomationTaskDto,
  type MediaType,
  type ProjectOutputSettings,
} from '@clippyfront/shared';
import { duplicatesIn } from '../arrangement/arrangement.service.js';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { AdvisoryLock } from '../database/advisory-lock.service.js';
import type { OutputSettingsBody } from '../projects/projects.dto.js';
import { TiersRepository } from '../tiers/tiers.repository.js';
import { toRunDto, toTaskDto } from './automation-dto.js';
import { AutomationRunsRepository } from './automation-runs.repository.js';
import { AutomationSchedulesRepository } from './automation-schedules.repository.js';
import type { AutomationTaskEntity } from './automation-task.entity.js';
import type { CreateTaskBody, UpdateTaskBody } from './automation.dto.js';
import { AutomationTasksRepository, type TaskFields } from './automation-tasks.repository.js';
import { parseTaskSource } from './task-source.js';

const an = (type: MediaType) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const shortList = (ids: string[]) =>
  `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? `, and ${ids.length - 5} more` : ''}`;

type Arrangement = Pick<
  TaskFields,
  'introMediaId' | 'outroMediaId' | 'transitionMediaIds' | 'randomizeTransitions'
>;

/** Saved tasks: the rules a task must meet when it is saved (a run checks the media again). */
@Injectable()
export class AutomationTasksService {
  constructor(
    private readonly tasks: AutomationTasksRepository,
    private readonly schedules: AutomationSchedulesRepository,
    private readonly runs: AutomationRunsRepository,
    private readonly tiers: TiersRepository,
    private readonly lock: AdvisoryLock,
  ) {}

  /** The caller's own tasks (admins too: another user's task opens by its id). */
  async list(ownerId: string): Promise<AutomationTaskDto[]> {
    return this.dtos(await this.tasks.list(ownerId));
  }

  async get(id: string, scope: OwnerScope): Promise<AutomationTaskDto> {
    return (await this.dtos([await this.owned(id, scope)]))[0]!;
  }

  async create(ownerId: string, body: CreateTaskBody): Promise<AutomationTaskDto> {
    const source = parseTaskSource(body.source);
    const arrangement = await this.arrangement(ownerId, body, null);
    const output = await this.output(ownerId, DEFAULT_OUTPUT_SETTINGS, body.output);
    const task = await this.withinTaskCap(ownerId, () =>
      this.tasks.create({
        ownerId,
        name: body.name,
        source,
        ...arrangement,
        output,
        projectNameTemplate:
          body.projectNameTemplate ?? AUTOMATION_RULES.defaultProjectNameTemplate,
        previousProject: body.previousProject ?? 'keep',
      }),
    );
    return this.get(task.id, { ownerId });
  }

  async update(id: string, scope: OwnerScope, body: UpdateTaskBody): Promise<AutomationTaskDto> {
    const task = await this.owned(id, scope);
    const changes: Partial<TaskFields> = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.source !== undefined && { source: parseTaskSource(body.source) }),
      ...(await this.arrangement(task.ownerId, body, task)),
      ...(body.output !== undefined && {
        output: await this.output(task.ownerId, task.output, body.output),
      }),
      ...(body.projectNameTemplate !== undefined && {
        projectNameTemplate: body.projectNameTemplate,
      }),
      ...(body.previousProject !== undefined && { previousProject: body.previousProject }),
    };
    await this.tasks.update(task.id, changes);
    return this.get(task.id, scope);
  }

  /** A copy named "<name> (copy)", without schedules or runs. */
  async clone(id: string, scope: OwnerScope): Promise<AutomationTaskDto> {
    const task = await this.owned(id, scope);
    const suffix = ' (copy)';
    const copy = await this.withinTaskCap(task.ownerId, () =>
      this.tasks.create({
        ownerId: task.ownerId,
        name: `${task.name.slice(0, AUTOMATION_RULES.nameMaxLength - suffix.length)}${suffix}`,
        source: task.source,
        introMediaId: task.introMediaId,
        outroMediaId: task.outroMediaId,
        transitionMediaIds: task.transitionMediaIds,
        randomizeTransitions: task.randomizeTransitions,
        output: task.output,
        projectNameTemplate: task.projectNameTemplate,
        previousProject: task.previousProject,
      }),
    );
    return this.get(copy.id, scope);
  }

  /** Its schedules and runs go with it; the projects and videos runs made stay. */
  async delete(id: string, scope: OwnerScope): Promise<void> {
    const task = await this.owned(id, scope);
    await this.tasks.delete(task.id);
  }

  /** Creates under the owner's lock (API processes too), so the count cannot be outrun. */
  private withinTaskCap<T>(ownerId: string, create: () => Promise<T>): Promise<T> {
    return this.lock.run(`automation-tasks:${ownerId}`, async () => {
      const count = await this.tasks.countForOwner(ownerId);
      if (count >= AUTOMATION_RULES.maxTasksPerUser) {
        throw new ForbiddenException({
          message: `maxTasksPerUser: at most ${AUTOMATION_RULES.maxTasksPerUser} tasks per user; delete one first`,
          limit: 'maxTasksPerUser',
          maxTasksPerUser: AUTOMATION_RULES.maxTasksPerUser,
          count,
        });
      }
      return create();
    });
  }

  async owned(id: string, scope: OwnerScope): Promise<AutomationTaskEntity> {
    return notFoundUnlessOwned(await this.tasks.findById(id), scope, 'Task');
  }

  private async dtos(tasks: AutomationTaskEntity[]): Promise<AutomationTaskDto[]> {
    const ids = tasks.map((task) => task.id);
    const [latest, schedules] = await Promise.all([
      this.runs.latestOf(ids),
      this.schedules.listForTasks(ids),
    ]);
    return tasks.map((task) => {
      const run = latest.get(task.id);
      return toTaskDto(
        task,
        run ? toRunDto(run) : null,
        schedules.filter((schedule) => schedule.taskId === task.id),
      );
    });
  }

  /**
   * Like the Arrange step: each id the owner's media of the right type (404 for media that is
   * not theirs, 400 for another type or a transition listed twice). Missing fields keep `current`.
   */
  private async arrangement(
    ownerId: string,
    body: UpdateTaskBody,
    current: Arrangement | null,
  ): Promise<Arrangement> {
    const next: Arrangement = {
      introMediaId: body.introId !== undefined ? body.introId : (current?.introMediaId ?? null),
      outroMediaId: body.outroId !== undefined ? body.outroId : (current?.outroMediaId ?? null),
      transitionMediaIds: body.transitionIds ?? current?.transitionMediaIds ?? [],
      randomizeTransitions: body.randomizeTransitions ?? current?.randomizeTransitions ?? false,
    };
    if (next.transitionMediaIds.length > ARRANGEMENT_RULES.maxTransitions) {
      throw new BadRequestException(
        `transitionIds: at most ${ARRANGEMENT_RULES.maxTransitions} transitions`,
      );
    }
    const repeated = duplicatesIn(next.transitionMediaIds);
    if (repeated.length) {
      throw new BadRequestException(
        `transitionIds lists the same media more than once: ${shortList(repeated)}`,
      );
    }
    const wanted: [string, MediaType, string][] = [
      ...(next.introMediaId
        ? [[next.introMediaId, 'intro', 'introId'] as [string, MediaType, string]]
        : []),
      ...(next.outroMediaId
        ? [[next.outroMediaId, 'outro', 'outroId'] as [string, MediaType, string]]
        : []),
      ...next.transitionMediaIds.map((id): [string, MediaType, string] => [
        id,
        'transition',
        'transitionIds',
      ]),
    ];
    const found = new Map(
      (
        await this.tasks.mediaOf(
          ownerId,
          wanted.map(([id]) => id),
        )
      ).map((row) => [row.id, row]),
    );
    const missing = [...new Set(wanted.map(([id]) => id).filter((id) => !found.has(id)))];
    if (missing.length) throw new NotFoundException(`Media not found: ${shortList(missing)}`);
    const wrong = wanted.flatMap(([id, type, field]) => {
      const media = found.get(id)!;
      return media.type === type
        ? []
        : [`${field}: “${media.name}” (${id}) is ${an(media.type)}, not ${an(type)}`];
    });
    if (wrong.length) throw new BadRequestException(wrong.join('; '));
    return next;
  }

  /** The output settings, refused (400 naming the field) beyond the owner's tier caps. */
  private async output(
    ownerId: string,
    current: ProjectOutputSettings,
    changes: OutputSettingsBody | undefined,
  ): Promise<ProjectOutputSettings> {
    const output: ProjectOutputSettings = {
      resolution: changes?.resolution ?? current.resolution,
      format: changes?.format ?? current.format,
      fps: changes?.fps ?? current.fps,
      maxClipSeconds: changes?.maxClipSeconds ?? current.maxClipSeconds,
    };
    const { tier } = await this.tiers.planOfUser(ownerId);
    if (!tier || tier.unlimited) return output;
    const rank = (value: string) => (COMPILE_RESOLUTIONS as readonly string[]).indexOf(value);
    if (rank(output.resolution) > rank(tier.maxResolution)) {
      throw new BadRequestException(
        `output.resolution: your plan (${tier.name}) renders up to ${tier.maxResolution}`,
      );
    }
    if (output.fps > tier.maxFps) {
      throw new BadRequestException(
        `output.fps: your plan (${tier.name}) renders up to ${tier.maxFps} fps`,
      );
    }
    return output;
  }
}
