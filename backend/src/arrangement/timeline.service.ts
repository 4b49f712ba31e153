import { BadRequestException, Injectable } from '@nestjs/common';
import type { TimelineClipDto, TimelineDto, TimelineRefusedDto } from '@clippyfront/shared';
import { clipState, toClipDto } from '../clips/clip-dto.js';
import type { ClipEntity } from '../clips/clip.entity.js';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { ArrangementRepository, type ArrangedProject } from './arrangement.repository.js';
import { duplicatesIn } from './arrangement.service.js';
import { TimelineRepository } from './timeline.repository.js';

type Refused = TimelineRefusedDto['refused'][number];

export function toTimelineClip(clip: ClipEntity, maxClipSeconds: number): TimelineClipDto {
  const durationSeconds = clip.media?.durationSeconds ?? clip.durationSeconds ?? null;
  return {
    ...toClipDto(clip),
    durationSeconds,
    playSeconds: durationSeconds === null ? null : Math.min(durationSeconds, maxClipSeconds),
  };
}

/** Why each id cannot be on the timeline (none: all can), in the order sent. */
export function refusals(clipIds: readonly string[], found: readonly ClipEntity[]): Refused[] {
  const byId = new Map(found.map((clip) => [clip.id, clip]));
  const repeated = new Set(duplicatesIn(clipIds));
  const refused: Refused[] = [];
  for (const clipId of new Set(clipIds)) {
    const clip = byId.get(clipId);
    if (repeated.has(clipId)) {
      refused.push({ clipId, reason: 'duplicate', message: 'Listed more than once' });
    }
    if (!clip) {
      refused.push({ clipId, reason: 'not-in-project', message: 'Not a clip of this project' });
      continue;
    }
    const { state } = clipState(clip);
    if (state !== 'ready') {
      const message = `The clip is ${state}; only ready clips can be on the timeline`;
      refused.push({ clipId, reason: 'not-ready', message });
    }
  }
  return refused;
}

function refusedMessage(refused: Refused[]): string {
  const shown = refused.slice(0, 5).map((r) => `${r.clipId} — ${r.message}`);
  const more = refused.length > 5 ? `; and ${refused.length - 5} more` : '';
  return `The timeline was not changed: ${shown.join('; ')}${more}`;
}

/**
 * The clips a project compiles, in order. Only ready clips of the project, each once; a clip
 * that is deleted leaves the timeline, and one that becomes ready is not added by itself.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly projects: ArrangementRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async get(projectId: string, scope: OwnerScope): Promise<TimelineDto> {
    const project = await this.project(projectId, scope);
    const { maxClipSeconds } = project.output;
    const items = (await this.timeline.listReady(project.id)).map((clip) =>
      toTimelineClip(clip, maxClipSeconds),
    );
    const totalSeconds = items.reduce((sum, item) => sum + (item.playSeconds ?? 0), 0);
    return { items, totalSeconds, maxClipSeconds };
  }

  /** The exact order; 400 with every refused id and why when any is not allowed. */
  async set(projectId: string, scope: OwnerScope, clipIds: string[]): Promise<TimelineDto> {
    const project = await this.project(projectId, scope);
    await this.timeline.change(project.id, async (change) => {
      const refused = refusals(clipIds, await change.clipsAmong([...new Set(clipIds)]));
      if (refused.length) {
        throw new BadRequestException({ message: refusedMessage(refused), refused });
      }
      await change.setOrder(clipIds);
    });
    return this.get(projectId, scope);
  }

  private async project(id: string, scope: OwnerScope): Promise<ArrangedProject> {
    return notFoundUnlessOwned(await this.projects.findProject(id), scope, 'Project');
  }
}
