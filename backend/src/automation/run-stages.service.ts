import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type {
  AddClipsResponse,
  ClipDto,
  FoundClipDto,
  RunStage,
  SkippedClipDto,
} from '@clippyfront/shared';
import { ArrangementService } from '../arrangement/arrangement.service.js';
import { TimelineService } from '../arrangement/timeline.service.js';
import { ClipsService } from '../clips/clips.service.js';
import type { OwnerScope } from '../common/ownership.js';
import { CompilationsService } from '../compilations/compilations.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import type { AutomationRunEntity } from './automation-run.entity.js';
import { AutomationRunsRepository, type RunChanges } from './automation-runs.repository.js';
import type { AutomationTaskEntity } from './automation-task.entity.js';
import { AutomationTasksRepository } from './automation-tasks.repository.js';
import { CLIP_FINDER, type ClipFinder } from './clip-finder.js';
import { projectNameFor } from './task-source.js';

/** What a stage did: the changes to save, log lines, and whether to go on now or look again later. */
export interface StageOutcome {
  changes: RunChanges;
  lines: string[];
  next: 'continue' | 'wait';
}

/** A run that cannot go on: it fails with this message. */
export class RunFailure extends Error {}

const DAY_MS = 86_400_000;
const PENDING = new Set(['queued', 'downloading']);

const go = (stage: RunStage, progress: number, lines: string[], changes: RunChanges = {}) => ({
  changes: { stage, progress, ...changes },
  lines,
  next: 'continue' as const,
});
const wait = (changes: RunChanges = {}, lines: string[] = []): StageOutcome => ({
  changes,
  lines,
  next: 'wait',
});

/**
 * The stages of a run. Each one can be run again after a crash at any point and does what is
 * left: it finds what an earlier attempt made (the project by the id chosen before, clips by URL,
 * the project's compilation) instead of making it twice.
 */
@Injectable()
export class RunStagesService {
  constructor(
    private readonly runs: AutomationRunsRepository,
    private readonly tasks: AutomationTasksRepository,
    private readonly projects: ProjectsService,
    private readonly clips: ClipsService,
    private readonly arrangement: ArrangementService,
    private readonly timeline: TimelineService,
    private readonly compilations: CompilationsService,
    @Inject(CLIP_FINDER) private readonly finder: ClipFinder,
  ) {}

  async step(run: AutomationRunEntity, task: AutomationTaskEntity): Promise<StageOutcome> {
    switch (run.stage) {
      case 'fetch':
        return this.fetch(run, task);
      case 'project':
        return this.project(run, task);
      case 'clips':
        return this.addClips(run);
      case 'downloads':
        return this.downloads(run);
      case 'timeline':
        return this.arrange(run);
      case 'compile':
        return this.compile(run);
      case 'done':
        return wait({ state: 'completed', progress: 100, finishedAt: new Date() });
    }
  }

  private async fetch(run: AutomationRunEntity, task: AutomationTaskEntity): Promise<StageOutcome> {
    const source = task.source;
    let clips: FoundClipDto[];
    let from: string;
    if (source.kind === 'twitch') {
      const username = source.username ?? (await this.tasks.twitchUsernameOf(run.ownerId));
      if (!username) {
        throw new RunFailure(
          'source.username: the task names no broadcaster and your profile has no Twitch username',
        );
      }
      const page = await this.finder.twitchClips({
        username,
        first: 100,
        startedAt: new Date(Date.now() - source.lastDays * DAY_MS).toISOString(),
        sort: source.sort,
      });
      clips = page.clips
        .filter((clip) => (clip.viewCount ?? 0) >= source.minViews)
        .slice(0, source.count);
      from =
        `Twitch: ${source.sort === 'views' ? 'the most viewed' : 'the newest'} of ` +
        `${page.broadcaster.displayName}'s clips of the last ${source.lastDays} day(s)` +
        (source.minViews ? ` with at least ${source.minViews} views` : '');
    } else {
      const page = await this.finder.discordClips({ channelId: source.channelId, limit: 100 });
      clips = page.clips.slice(0, source.count);
      from = `Discord: the newest clip links in channel ${source.channelId}`;
    }
    if (!clips.length) throw new RunFailure(`The source found no clips (${from})`);
    return go('project', 10, [`Fetched ${clips.length} clip(s) from ${from}`], { clips });
  }

  private async project(
    run: AutomationRunEntity,
    task: AutomationTaskEntity,
  ): Promise<StageOutcome> {
    const scope = this.scope(run);
    if (!run.projectId) {
      const lines: string[] = [];
      if (task.previousProject === 'replace') {
        const previous = await this.runs.previousProjectOf(task.id, run.id);
        if (previous && (await this.runs.projectExists(previous))) {
          await this.projects.delete(previous, scope).catch((error: Error) => {
            if (!(error instanceof NotFoundException)) throw error;
          });
          lines.push(`Deleted the previous run's project ${previous} (the task replaces it)`);
        }
      }
      // The id is saved before the project exists: a resumed run makes this one, never another.
      return { changes: { projectId: randomUUID() }, lines, next: 'continue' };
    }
    const name = projectNameFor(task.projectNameTemplate, task.name, run.createdAt);
    const existed = await this.runs.projectExists(run.projectId);
    if (!existed) {
      await this.runs.createProject({
        id: run.projectId,
        ownerId: run.ownerId,
        name,
        description: `Made by the automation task “${task.name}”`,
        output: task.output,
      });
    }
    const lines = [existed ? `Project ${run.projectId} already made` : `Created project “${name}”`];
    try {
      await this.arrangement.set(run.projectId, scope, {
        introId: task.introMediaId,
        outroId: task.outroMediaId,
        transitionIds: task.transitionMediaIds,
        randomizeTransitions: task.randomizeTransitions,
      });
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      lines.push(`Intro, outro and transitions left out: ${error.message}`);
    }
    return go('clips', 15, lines);
  }

  private async addClips(run: AutomationRunEntity): Promise<StageOutcome> {
    const projectId = run.projectId!;
    const present = await this.clips.list(projectId, this.scope(run));
    const known = new Set(present.flatMap((clip) => [clip.sourceUrl, clip.normalizedUrl]));
    const urls = (run.clips ?? []).map((clip) => clip.url).filter((url) => !known.has(url));
    let rejected: AddClipsResponse['rejected'] = [];
    if (urls.length) {
      try {
        rejected = (await this.clips.add(projectId, this.scope(run), urls)).rejected;
      } catch (error) {
        const body = error instanceof BadRequestException ? error.getResponse() : null;
        const refused = (body as { rejected?: AddClipsResponse['rejected'] } | null)?.rejected;
        if (!refused) throw error;
        rejected = refused;
      }
    }
    const skippedClips: SkippedClipDto[] = rejected.map(({ url, message }) => ({
      url,
      reason: message,
    }));
    if (urls.length && rejected.length === urls.length && !present.length) {
      throw new RunFailure(
        `None of the source's clips could be added: ${skippedClips
          .slice(0, 3)
          .map((clip) => `${clip.url} — ${clip.reason}`)
          .join('; ')}`,
      );
    }
    const added = urls.length - rejected.length;
    return go(
      'downloads',
      20,
      [
        `Added ${added} clip(s)${present.length ? ` (${present.length} were already in the project)` : ''}` +
          (rejected.length ? `; ${rejected.length} refused` : ''),
      ],
      { skippedClips },
    );
  }

  private async downloads(run: AutomationRunEntity): Promise<StageOutcome> {
    const clips = await this.clips.list(run.projectId!, this.scope(run));
    const pending = clips.filter((clip) => PENDING.has(clip.state));
    if (pending.length) {
      const done = clips.reduce(
        (sum, clip) => sum + (PENDING.has(clip.state) ? clip.progress : 100),
        0,
      );
      const progress = 20 + Math.floor((30 * done) / (100 * Math.max(1, clips.length)));
      return wait(progress > run.progress ? { progress } : {});
    }
    const failed = clips.filter((clip) => clip.state === 'failed');
    const skipped = [
      ...run.skippedClips,
      ...failed.map((clip) => ({
        url: clip.sourceUrl,
        reason: clip.error ?? 'The download failed',
      })),
    ];
    if (failed.length === clips.length) {
      throw new RunFailure(
        `No clip could be downloaded (${failed.length} failed): ${failed
          .slice(0, 3)
          .map((clip) => `${clip.sourceUrl} — ${clip.error ?? 'failed'}`)
          .join('; ')}`,
      );
    }
    const lines = [`${clips.length - failed.length} clip(s) downloaded`];
    if (failed.length) lines.push(`Skipped ${failed.length} clip(s) whose download failed`);
    return go('timeline', 50, lines, { skippedClips: skipped });
  }

  /** The ready clips in the order the source gave them. */
  private async arrange(run: AutomationRunEntity): Promise<StageOutcome> {
    const clips = await this.clips.list(run.projectId!, this.scope(run));
    const order = new Map((run.clips ?? []).map((clip, index) => [clip.url, index]));
    const rank = (clip: ClipDto) =>
      order.get(clip.sourceUrl) ?? order.get(clip.normalizedUrl) ?? Number.MAX_SAFE_INTEGER;
    const ready = clips.filter((clip) => clip.state === 'ready').sort((a, b) => rank(a) - rank(b));
    await this.timeline.set(
      run.projectId!,
      this.scope(run),
      ready.map((clip) => clip.id),
    );
    return go('compile', 55, [`Timeline: ${ready.length} clip(s) in the source's order`]);
  }

  private async compile(run: AutomationRunEntity): Promise<StageOutcome> {
    const projectId = run.projectId!;
    if (!run.compilationId) {
      // The project is this run's own: a compilation on it is one an earlier attempt started.
      const earlier = await this.runs.latestCompilation(projectId);
      if (earlier) {
        return { changes: { compilationId: earlier.id }, lines: [], next: 'continue' };
      }
      const started = await this.compilations.start(projectId, this.scope(run), {});
      return {
        changes: { compilationId: started.id },
        lines: [`Compile started (job ${started.jobId})`],
        next: 'continue',
      };
    }
    const compilation = await this.runs.compilation(run.compilationId);
    const job = compilation?.job;
    if (!compilation || !job) throw new RunFailure('The compilation was deleted');
    if (job.state === 'completed') {
      return {
        changes: { stage: 'done', state: 'completed', progress: 100, finishedAt: new Date() },
        lines: ['Compile finished'],
        next: 'wait',
      };
    }
    if (job.state === 'failed' || job.state === 'cancelled') {
      throw new RunFailure(
        `The compile ${job.state === 'failed' ? 'failed' : 'was cancelled'}: ${job.error ?? 'no reason given'}`,
      );
    }
    const progress = 55 + Math.floor((44 * job.progress) / 100);
    return wait(progress > run.progress ? { progress } : {});
  }

  private scope(run: AutomationRunEntity): OwnerScope {
    return { ownerId: run.ownerId };
  }
}
