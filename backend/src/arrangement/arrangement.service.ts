import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { ArrangementDto, MediaType } from '@clippyfront/shared';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import type { UpdateArrangementBody } from './arrangement.dto.js';
import {
  ArrangementRepository,
  type ArrangedProject,
  type MediaTypeRow,
} from './arrangement.repository.js';

const shortList = (ids: string[]) =>
  `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? `, and ${ids.length - 5} more` : ''}`;

/** Ids listed more than once, each named once. */
export function duplicatesIn(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

/**
 * A project's intro, outro and transitions: only the project owner's media, each of the right
 * type. Media deleted later, or changed to another type, simply drops out when read.
 */
@Injectable()
export class ArrangementService {
  constructor(private readonly repository: ArrangementRepository) {}

  async get(projectId: string, scope: OwnerScope): Promise<ArrangementDto> {
    const project = await this.project(projectId, scope);
    const wanted = [project.introMediaId, project.outroMediaId, ...project.transitionMediaIds];
    const ids = wanted.filter((id): id is string => !!id);
    const media = new Map(
      (await this.repository.mediaOf(project.ownerId, ids)).map((row) => [row.id, row.type]),
    );
    const ofType = (id: string | null, type: MediaType) =>
      id && media.get(id) === type ? id : null;
    return {
      introId: ofType(project.introMediaId, 'intro'),
      outroId: ofType(project.outroMediaId, 'outro'),
      transitionIds: project.transitionMediaIds.filter((id) => ofType(id, 'transition')),
      randomizeTransitions: project.randomizeTransitions,
    };
  }

  /** 400 for duplicates or media of another type, 404 for media that is not the owner's. */
  async set(
    projectId: string,
    scope: OwnerScope,
    body: UpdateArrangementBody,
  ): Promise<ArrangementDto> {
    const project = await this.project(projectId, scope);
    const repeated = duplicatesIn(body.transitionIds);
    if (repeated.length) {
      throw new BadRequestException(
        `transitionIds lists the same media more than once: ${shortList(repeated)}`,
      );
    }
    const wanted: [string, MediaType][] = [
      ...(body.introId ? [[body.introId, 'intro'] as [string, MediaType]] : []),
      ...(body.outroId ? [[body.outroId, 'outro'] as [string, MediaType]] : []),
      ...body.transitionIds.map((id): [string, MediaType] => [id, 'transition']),
    ];
    const found = await this.repository.mediaOf(
      project.ownerId,
      wanted.map(([id]) => id),
    );
    this.check(wanted, new Map(found.map((row) => [row.id, row])));
    const saved = await this.repository.save(project.id, {
      introMediaId: body.introId,
      outroMediaId: body.outroId,
      transitionMediaIds: body.transitionIds,
      randomizeTransitions: body.randomizeTransitions,
    });
    if (!saved) throw new NotFoundException('The intro or outro was deleted meanwhile');
    return this.get(projectId, scope);
  }

  private check(wanted: [string, MediaType][], found: Map<string, MediaTypeRow>): void {
    const missing = [...new Set(wanted.map(([id]) => id).filter((id) => !found.has(id)))];
    if (missing.length) throw new NotFoundException(`Media not found: ${shortList(missing)}`);
    const wrong = wanted.flatMap(([id, type]) => {
      const media = found.get(id)!;
      return media.type === type
        ? []
        : [`“${media.name}” (${id}) is ${an(media.type)}, not ${an(type)}`];
    });
    if (wrong.length) throw new BadRequestException(wrong.join('; '));
  }

  private async project(id: string, scope: OwnerScope): Promise<ArrangedProject> {
    return notFoundUnlessOwned(await this.repository.findProject(id), scope, 'Project');
  }
}

const an = (type: MediaType) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
