import { Injectable } from '@nestjs/common';
import {
  DEFAULT_OUTPUT_SETTINGS,
  type ProjectDto,
  type ProjectListDto,
  type ProjectOutputSettings,
} from '@clippyfront/shared';
import { ClipsService } from '../clips/clips.service.js';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import type { OutputSettingsBody, UpdateProjectBody } from './projects.dto.js';
import type { ProjectEntity } from './project.entity.js';
import { ProjectsRepository, type ProjectFilter } from './projects.repository.js';

/** "Compilation of YYYY-MM-DD" (UTC), the name of a project created without one. */
export function defaultProjectName(now = new Date()): string {
  return `Compilation of ${now.toISOString().slice(0, 10)}`;
}

function toProjectDto(project: ProjectEntity, clipCount: number): ProjectDto {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    output: project.output,
    clipCount,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

/** Only known keys, in a fixed order, over the current settings. */
function mergeOutput(
  current: ProjectOutputSettings,
  changes: OutputSettingsBody | undefined,
): ProjectOutputSettings {
  return {
    resolution: changes?.resolution ?? current.resolution,
    format: changes?.format ?? current.format,
    fps: changes?.fps ?? current.fps,
    maxClipSeconds: changes?.maxClipSeconds ?? current.maxClipSeconds,
  };
}

/** A user's projects; deleting one also lets go of its clips (see ClipsService). */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly clips: ClipsService,
  ) {}

  async create(ownerId: string, body: UpdateProjectBody): Promise<ProjectDto> {
    const project = await this.projects.create({
      ownerId,
      name: body.name || defaultProjectName(),
      description: body.description ?? '',
      output: mergeOutput(DEFAULT_OUTPUT_SETTINGS, body.output),
    });
    return toProjectDto(project, 0);
  }

  async list(filter: ProjectFilter): Promise<ProjectListDto> {
    const [rows, total] = await this.projects.list(filter);
    const counts = await this.projects.clipCounts(rows.map((row) => row.id));
    return { items: rows.map((row) => toProjectDto(row, counts.get(row.id) ?? 0)), total };
  }

  async get(id: string, scope: OwnerScope): Promise<ProjectDto> {
    const project = await this.owned(id, scope);
    const counts = await this.projects.clipCounts([project.id]);
    return toProjectDto(project, counts.get(project.id) ?? 0);
  }

  async update(id: string, scope: OwnerScope, body: UpdateProjectBody): Promise<ProjectDto> {
    const project = await this.owned(id, scope);
    const changes: Partial<ProjectEntity> = {};
    if (body.name !== undefined) changes.name = body.name || defaultProjectName();
    if (body.description !== undefined) changes.description = body.description;
    if (body.output !== undefined) changes.output = mergeOutput(project.output, body.output);
    if (Object.keys(changes).length) await this.projects.update(project.id, changes);
    return this.get(id, scope);
  }

  /**
   * Removes the project and its clips. Clip media no other clip uses leaves the library with
   * it (intros, outros and the like never do); downloads no other clip waits for are cancelled.
   */
  async delete(id: string, scope: OwnerScope): Promise<void> {
    const project = await this.owned(id, scope);
    await this.clips.removeAllOf(project);
    await this.projects.delete(project.id);
  }

  private async owned(id: string, scope: OwnerScope): Promise<ProjectEntity> {
    return notFoundUnlessOwned(await this.projects.findById(id), scope, 'Project');
  }
}
