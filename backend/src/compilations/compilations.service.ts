import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import {
  ARTIFACT_STATES,
  type ArtifactReportsResponse,
  type CompilationArtifactDto,
  type CompilationDto,
  type JobArtifactReport,
  type CompileJobResult,
  type CompilePayload,
  type CompilationListDto,
  type CompileSettingsDto,
  type StartCompileRequest,
  defaultCompileSettings,
} from '@clippyfront/shared';
import { youtubeChapters } from '@clippyfront/worker';
import { ArrangementService } from '../arrangement/arrangement.service.js';
import { TimelineService } from '../arrangement/timeline.service.js';
import { AvatarsService } from '../avatars/avatars.service.js';
import { ANY_OWNER, notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { AdvisoryLock } from '../database/advisory-lock.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EMBEDDED_WORKER_PREFIX } from '../jobs/in-process-job.dispatcher.js';
import { InProcessMediaAccess } from '../jobs/in-process-media-access.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { JobOutputs, type ReceivedFile } from '../jobs/job-outputs.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import type { MediaEntity } from '../media/media.entity.js';
import { MediaService, toMediaDto } from '../media/media.service.js';
import { assertClipCap, capOutput, watermarkFor } from '../tiers/output-caps.js';
import { RenderQuotaService } from '../tiers/render-quota.service.js';
import { TiersRepository } from '../tiers/tiers.repository.js';
import type { CompilationEntity } from './compilation.entity.js';
import { CompilationsRepository } from './compilations.repository.js';
import { downloadFileName } from './download-name.js';
import { compilePayload, compileSettings, estimateOutputSeconds } from './compile-payload.js';

/** Never used: a render always has its settings (the column is null only for imports). */
const DEFAULT_SETTINGS: CompileSettingsDto & { tierNote?: string } = defaultCompileSettings(null);

export const EMPTY_TIMELINE =
  'The timeline is empty: put at least one ready clip on it in the Arrange step';

/** The state a worker reported last: the row's, else what the job's result said at completion. */
function artifactOf(
  row: CompilationEntity,
  result: CompileJobResult | null,
): CompilationArtifactDto | null {
  if (row.artifact) return row.artifact;
  const reported = result?.artifact;
  if (!reported || !(ARTIFACT_STATES as readonly string[]).includes(reported.state)) return null;
  return {
    name: reported.name ?? null,
    state: reported.state,
    at: reported.at,
    error: reported.error ?? null,
    worker: row.job?.workerId ?? null,
  };
}

/** An import is finished from the start: what its manifest said, and its file's facts. */
function importedDto(row: CompilationEntity): CompilationDto {
  const media = row.media ?? null;
  const said = row.ingestOutput;
  const durationSeconds = said?.durationSeconds ?? media?.durationSeconds ?? 0;
  const chapters = said?.chapters ?? [];
  const path = row.ingestPath ?? '';
  return {
    id: row.id,
    projectId: row.projectId,
    source: 'ingest',
    jobId: null,
    imported: {
      workerId: row.ingestWorkerId ?? path.split('/')[0] ?? '',
      artifact: path.split('/')[1] ?? '',
      path,
    },
    state: 'completed',
    progress: 100,
    error: null,
    settings: null,
    tierNote: null,
    media: media && toMediaDto(media),
    output: media && {
      durationSeconds,
      sizeBytes: media.sizeBytes,
      renderSeconds: said?.renderSeconds ?? null,
      encoder: said?.encoder ?? null,
      chapters,
      chaptersText: youtubeChapters(chapters, durationSeconds),
    },
    artifact: null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.createdAt.toISOString(),
  };
}

export function toCompilationDto(row: CompilationEntity): CompilationDto {
  if (row.source === 'ingest') return importedDto(row);
  const job = row.job;
  const result = job?.state === 'completed' ? (job.result as CompileJobResult | null) : null;
  const { tierNote, ...settings } = row.settings ?? DEFAULT_SETTINGS;
  return {
    id: row.id,
    projectId: row.projectId,
    source: 'render',
    jobId: row.jobId,
    imported: null,
    state: job?.state ?? 'failed',
    progress: job?.progress ?? 0,
    error: job?.error ?? null,
    // Compilations made before formats existed are MP4.
    settings: { ...settings, format: settings.format ?? 'mp4' },
    tierNote: tierNote ?? null,
    media: result && row.media ? toMediaDto(row.media) : null,
    output: result && {
      durationSeconds: result.durationSeconds,
      sizeBytes: result.sizeBytes,
      renderSeconds: result.renderSeconds,
      encoder: result.encoder,
      chapters: result.chapters,
      chaptersText: result.chaptersText,
    },
    artifact: artifactOf(row, result),
    createdAt: row.createdAt.toISOString(),
    finishedAt: job?.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Compiles a project: checks the timeline, queues a `compile` job with everything the worker
 * needs, and takes the rendered file into the library as the project's `compilation` media.
 */
@Injectable()
export class CompilationsService implements OnModuleInit {
  constructor(
    private readonly compilations: CompilationsRepository,
    private readonly timeline: TimelineService,
    private readonly arrangement: ArrangementService,
    private readonly media: MediaService,
    private readonly queue: JobQueueService,
    private readonly outputs: JobOutputs,
    private readonly inProcess: InProcessMediaAccess,
    private readonly avatars: AvatarsService,
    private readonly lock: AdvisoryLock,
    private readonly tiers: TiersRepository,
    private readonly renderQuota: RenderQuotaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.outputs.register('compile', {
      maxBytes: () => this.config.maxUploadBytes,
      attach: (job, file) => this.attachResult(job, file),
    });
    // A compile retried renders again: it needs the render time like a new one.
    this.queue.onRetry('compile', async (job) => {
      const ownerId = job.ownerId!;
      const { tier } = await this.tiers.planOfUser(ownerId);
      const { estimatedSeconds } = job.payload as CompilePayload;
      await this.renderQuota.assertRoom(ownerId, tier, estimatedSeconds ?? 0);
    });
    this.inProcess.provide('avatar', () => async (clipId) => {
      try {
        return await this.avatars.forClip(clipId, ANY_OWNER);
      } catch (error) {
        if (error instanceof NotFoundException) return null;
        throw error;
      }
    });
  }

  async start(
    projectId: string,
    scope: OwnerScope,
    request: StartCompileRequest,
  ): Promise<CompilationDto> {
    const project = notFoundUnlessOwned(
      await this.compilations.project(projectId),
      scope,
      'Project',
    );
    // One start per project at a time, across API processes too: the "already running" check holds.
    return this.lock.run(`compile:${project.id}`, async () => {
      const timeline = await this.timeline.get(project.id, scope);
      if (!timeline.items.length) throw new BadRequestException(EMPTY_TIMELINE);
      if (await this.compilations.hasActive(project.id)) {
        throw new ConflictException(
          'A compile of this project is already queued or running: wait for it, or cancel it',
        );
      }
      const arrangement = await this.arrangement.get(project.id, scope);
      const plan = await this.tiers.planOfUser(project.ownerId);
      assertClipCap(plan.tier, timeline.items.length);
      const capped = capOutput(compileSettings(project.output, request), plan.tier);
      const assetIds = [
        ...[arrangement.introId, arrangement.outroId].filter((id): id is string => !!id),
        ...arrangement.transitionIds,
      ];
      const facts = await this.compilations.mediaFacts([
        ...assetIds,
        ...timeline.items.flatMap((clip) => (clip.mediaId ? [clip.mediaId] : [])),
      ]);
      const estimatedSeconds = estimateOutputSeconds(
        timeline,
        arrangement,
        new Map([...facts].map(([id, fact]) => [id, fact.durationSeconds])),
      );
      const payload = compilePayload({
        projectId: project.id,
        projectName: project.name,
        maxClipSeconds: project.output.maxClipSeconds,
        settings: capped.settings,
        timeline,
        arrangement,
        mediaNames: new Map([...facts].map(([id, fact]) => [id, fact.name])),
        mediaHashes: await this.media.contentHashes(assetIds),
        watermark: watermarkFor(plan, plan.tier),
        estimatedSeconds,
      });
      const job = await this.queue.enqueueCapped('compile', payload, project.ownerId, {
        check: () => this.renderQuota.assertRoom(project.ownerId, plan.tier, estimatedSeconds),
        notes: capped.note ? [capped.note] : [],
      });
      const row = await this.compilations.create({
        projectId: project.id,
        ownerId: project.ownerId,
        jobId: job.id,
        settings: { ...capped.settings, ...(capped.note && { tierNote: capped.note }) },
      });
      return toCompilationDto(row);
    });
  }

  async list(projectId: string, scope: OwnerScope): Promise<CompilationListDto> {
    const project = notFoundUnlessOwned(
      await this.compilations.project(projectId),
      scope,
      'Project',
    );
    const rows = await this.compilations.listForProject(project.id);
    return { items: rows.map(toCompilationDto) };
  }

  async get(projectId: string, id: string, scope: OwnerScope): Promise<CompilationDto> {
    return toCompilationDto(await this.owned(projectId, id, scope));
  }

  /** The YouTube chapter list of a finished compilation; 404 until it has one. */
  async chapters(
    projectId: string,
    id: string,
    scope: OwnerScope,
  ): Promise<{ text: string; fileName: string }> {
    const dto = toCompilationDto(await this.owned(projectId, id, scope));
    if (!dto.output) throw new NotFoundException('This compilation has not finished');
    const stem = (dto.media?.name ?? 'compilation').replace(/\.[^.]+$/, '');
    return { text: dto.output.chaptersText, fileName: `${stem} chapters.txt` };
  }

  /** The finished video's file, with the name to download it under; 404 until there is one. */
  async download(
    projectId: string,
    id: string,
    scope: OwnerScope,
  ): Promise<{ path: string; media: MediaEntity; fileName: string }> {
    const row = await this.owned(projectId, id, scope);
    const finished = row.source === 'ingest' || row.job?.state === 'completed';
    const media = finished ? row.media : null;
    if (!media) throw new NotFoundException('This compilation has no finished video');
    const project = await this.compilations.project(projectId);
    return {
      path: this.media.runtimePath(media),
      media,
      fileName: downloadFileName(project?.name ?? '', row),
    };
  }

  /**
   * Stores what a worker saw of its artifacts (the sidecar's markers). A report for a job the
   * worker did not run, or without a compilation, is `unknown`; one older than the stored state
   * is `stale` (reports are sent again after a worker restart, in any order).
   */
  recordArtifacts(
    workerId: string,
    reports: JobArtifactReport[],
  ): Promise<ArtifactReportsResponse> {
    return this.recordEach(reports, (ranBy) => ranBy === workerId);
  }

  /**
   * The same for jobs run in this API process (no worker to report them): any in-process run's,
   * whichever process (pid) ran it, as they share ARTIFACTS_DIR.
   */
  recordEmbeddedArtifacts(reports: JobArtifactReport[]): Promise<ArtifactReportsResponse> {
    return this.recordEach(reports, (ranBy) => ranBy.startsWith(EMBEDDED_WORKER_PREFIX));
  }

  private async recordEach(
    reports: JobArtifactReport[],
    ranIt: (workerId: string) => boolean,
  ): Promise<ArtifactReportsResponse> {
    const counts: ArtifactReportsResponse = { updated: 0, stale: 0, unknown: 0 };
    for (const report of reports) counts[await this.recordArtifact(report, ranIt)] += 1;
    return counts;
  }

  private async recordArtifact(
    report: JobArtifactReport,
    ranIt: (workerId: string) => boolean,
  ): Promise<keyof ArtifactReportsResponse> {
    // Two reports racing: the loser reads again and compares with the winner's state.
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.compilations.findByJob(report.jobId);
      const workerId = row?.job?.workerId;
      if (!row || !workerId || !ranIt(workerId)) return 'unknown';
      const next: CompilationArtifactDto = {
        name: report.name,
        state: report.state,
        at: new Date(report.at).toISOString(),
        error: report.error ?? null,
        worker: workerId,
      };
      const current = artifactOf(row, (row.job?.result as CompileJobResult | null) ?? null);
      const currentAt = current ? Date.parse(current.at) : Number.NEGATIVE_INFINITY;
      if (!(Date.parse(next.at) >= currentAt)) return 'stale';
      if (await this.compilations.replaceArtifact(row.id, row.artifact, next)) return 'updated';
    }
    return 'stale';
  }

  private async owned(projectId: string, id: string, scope: OwnerScope) {
    const row = await this.compilations.findById(id);
    if (!row || row.projectId !== projectId) throw new NotFoundException('Compilation not found');
    return notFoundUnlessOwned(row, scope, 'Compilation');
  }

  /**
   * The rendered file of a compile job (from a worker's upload, or an in-process job) becomes
   * the compilation's media. A retried job that renders again replaces its earlier file.
   */
  async attachResult(job: JobEntity, file: ReceivedFile): Promise<MediaEntity> {
    const compilation = await this.compilations.findByJob(job.id);
    if (!compilation) {
      throw new NotFoundException(`Job ${job.id} has no compilation: its project was deleted`);
    }
    const media = await this.media.ingest(compilation.ownerId, {
      ...file,
      fields: { type: 'compilation', name: (job.payload as CompilePayload).outputName },
    });
    const previous = await this.compilations.setMedia(compilation.id, media.id);
    if (previous === false) {
      await this.media.delete(media.id, ANY_OWNER);
      throw new NotFoundException(`Job ${job.id} has no compilation: its project was deleted`);
    }
    if (previous && previous !== media.id) {
      await this.media.delete(previous, ANY_OWNER).catch(() => undefined);
    }
    return media;
  }
}
