import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import type { AddClipsResponse, ClipDto, DownloadPayload, JobState } from '@clippyfront/shared';
import { ANY_OWNER, notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { JobOutputs, type ReceivedFile } from '../jobs/job-outputs.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { MediaEntity } from '../media/media.entity.js';
import { MediaService } from '../media/media.service.js';
import { StorageQuotaService } from '../media/storage-quota.service.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ClipMetadataFiller } from './clip-metadata-filler.service.js';
import { clipState, toClipDto } from './clip-dto.js';
import type { ClipEntity } from './clip.entity.js';
import { evaluateClipUrl, type AcceptedClipUrl } from './clip-url-policy.js';
import { ClipsRepository } from './clips.repository.js';
import { AdvisoryLock } from '../database/advisory-lock.service.js';

type Rejected = AddClipsResponse['rejected'][number];
type Owned = Pick<ProjectEntity, 'id' | 'ownerId'>;

const LIVE_JOB_STATES: JobState[] = ['queued', 'running'];
const ALREADY_IN_PROJECT = 'This clip is already in the project';

/** "No clip was added: <url> — <why>; …" (the first few), for the 400 answer. */
function noneAccepted(rejected: Rejected[]): string {
  if (!rejected.length) return 'No clip was added: the list of URLs is empty';
  const shown = rejected
    .slice(0, 5)
    .map((r) => `${r.url.length > 100 ? `${r.url.slice(0, 100)}…` : r.url} — ${r.message}`);
  const more = rejected.length > 5 ? `; and ${rejected.length - 5} more` : '';
  return `No clip was added: ${shown.join('; ')}${more}`;
}

/**
 * A project's clips: which URLs are accepted, dedup against what the owner already downloaded
 * or is downloading, the download jobs, and the files those jobs bring back.
 */
@Injectable()
export class ClipsService implements OnModuleInit {
  private readonly logger = new Logger(ClipsService.name);
  constructor(
    private readonly clips: ClipsRepository,
    private readonly media: MediaService,
    private readonly queue: JobQueueService,
    private readonly jobs: JobsService,
    private readonly outputs: JobOutputs,
    private readonly quota: StorageQuotaService,
    private readonly metadata: ClipMetadataFiller,
    private readonly lock: AdvisoryLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.outputs.register('download', {
      maxBytes: (job) => (job.payload as DownloadPayload).maxBytes,
      attach: (job, file) => this.attachDownload(job, file),
    });
  }

  async list(projectId: string, scope: OwnerScope): Promise<ClipDto[]> {
    const project = await this.project(projectId, scope);
    return (await this.clips.listWithState(project.id)).map(toClipDto);
  }

  /** 201 with what was accepted and rejected; 400 with the reasons when nothing was. */
  async add(projectId: string, scope: OwnerScope, urls: string[]): Promise<AddClipsResponse> {
    const project = await this.project(projectId, scope);
    return this.ownerLock(project.ownerId, async () => {
      await this.assertRoomForDownloads(project.ownerId);
      const rejected: (Rejected & { index: number })[] = [];
      const candidates: { index: number; url: string; verdict: AcceptedClipUrl }[] = [];
      const seen = new Set<string>();
      urls.forEach((url, index) => {
        const verdict = evaluateClipUrl(url, this.config.clipUrls);
        if (!verdict.accepted) {
          rejected.push({ index, url, reason: verdict.reason, message: verdict.message });
        } else if (seen.has(verdict.normalizedUrl)) {
          const message = 'The same clip is listed more than once in this request';
          rejected.push({ index, url, reason: 'duplicate-in-request', message });
        } else {
          seen.add(verdict.normalizedUrl);
          candidates.push({ index, url, verdict });
        }
      });
      const present = await this.clips.urlsInProject(project.id, [...seen]);
      const fresh = candidates.filter((c) => !present.has(c.verdict.normalizedUrl));
      for (const { index, url } of candidates.filter((c) => !fresh.includes(c))) {
        rejected.push({ index, url, reason: 'already-in-project', message: ALREADY_IN_PROJECT });
      }
      // Refused up-front (429) when the downloads would exceed the owner's job caps, so an
      // accepted request never stops half-way. The owner's clip adds run one at a time; a probe,
      // compile or retry started meanwhile may still take some of that room, so the total can
      // pass JOBS_MAX_ACTIVE_PER_USER by those few (holding the caps' lock here would tie up a
      // pooled connection for the whole add).
      const downloads = await this.downloadsNeeded(project.ownerId, fresh);
      await this.queue.assertRoom(project.ownerId, 'download', downloads);
      const accepted = await this.createClips(project, fresh, rejected);
      const reasons = rejected
        .sort((a, b) => a.index - b.index)
        .map(({ url, reason, message }) => ({ url, reason, message }));
      if (!accepted.length) {
        throw new BadRequestException({ message: noneAccepted(reasons), rejected: reasons });
      }
      const views = await this.clips.findWithState(accepted);
      this.metadata.fill(views);
      return { accepted: views.map(toClipDto), rejected: reasons };
    });
  }

  /** How many of these URLs no downloaded media or running download of the owner covers. */
  private async downloadsNeeded(ownerId: string, urls: { verdict: AcceptedClipUrl }[]) {
    let count = 0;
    for (const { verdict } of urls) {
      const url = verdict.normalizedUrl;
      if (await this.clips.findDownloadedMedia(ownerId, url)) continue;
      if (await this.clips.findDownloadInFlight(ownerId, url)) continue;
      count++;
    }
    return count;
  }

  private async createClips(
    project: Owned,
    urls: { index: number; url: string; verdict: AcceptedClipUrl }[],
    rejected: (Rejected & { index: number })[],
  ): Promise<string[]> {
    const accepted: string[] = [];
    for (const { index, url, verdict } of urls) {
      const clip = await this.createClip(project, verdict);
      if (clip) accepted.push(clip.id);
      else rejected.push({ index, url, reason: 'already-in-project', message: ALREADY_IN_PROJECT });
    }
    return accepted;
  }

  /**
   * One owner's clip changes run one at a time, across API processes too, so dedup decisions
   * never race.
   */
  private ownerLock<T>(ownerId: string, task: () => Promise<T>): Promise<T> {
    return this.lock.run(`clips:${ownerId}`, task);
  }

  /** Reuses the owner's media or running download for the URL, or queues a download. */
  private async createClip(project: Owned, verdict: AcceptedClipUrl): Promise<ClipEntity | null> {
    const { ownerId } = project;
    const base = {
      projectId: project.id,
      ownerId,
      sourceUrl: verdict.sourceUrl,
      normalizedUrl: verdict.normalizedUrl,
      source: verdict.source,
    };
    const mediaId = await this.clips.findDownloadedMedia(ownerId, verdict.normalizedUrl);
    if (mediaId) return this.clips.create({ ...base, mediaId, reused: true });
    const jobId = await this.clips.findDownloadInFlight(ownerId, verdict.normalizedUrl);
    if (jobId) return this.clips.create({ ...base, jobId });
    const clip = await this.clips.create(base);
    if (clip) clip.jobId = await this.download(clip, { capped: false });
    return clip;
  }

  /** A full library takes no new clips (403 with the numbers), whatever they would reuse. */
  private async assertRoomForDownloads(ownerId: string): Promise<void> {
    const room = await this.quota.room(ownerId);
    if (room.remainingBytes === 0) {
      throw new ForbiddenException({
        message: `Storage quota reached (${room.limitBytes} bytes): delete media to add clips`,
        remainingBytes: 0,
        limitBytes: room.limitBytes,
      });
    }
  }

  /** `capped: false` when the caller already made room within the owner's job caps. */
  private async download(clip: ClipEntity, { capped }: { capped: boolean }): Promise<string> {
    const { remainingBytes } = await this.quota.room(clip.ownerId);
    const payload: DownloadPayload = {
      clipId: clip.id,
      url: clip.sourceUrl,
      source: clip.source,
      // The worker stops a download past this, so a full library is caught before the file lands.
      maxBytes: Math.min(this.config.maxUploadBytes, remainingBytes ?? Infinity),
    };
    const job = capped
      ? await this.queue.enqueueCapped('download', payload, clip.ownerId)
      : await this.queue.enqueue('download', payload, clip.ownerId);
    await this.clips.setJob(clip.id, job.id);
    return job.id;
  }

  /** The media stays in the library; a download only this clip waited for is cancelled. */
  async remove(projectId: string, clipId: string, scope: OwnerScope): Promise<void> {
    const clip = await this.clipOf(projectId, clipId, scope);
    await this.ownerLock(clip.ownerId, async () => {
      await this.clips.delete(clip.id);
      if (clip.jobId) await this.cancelUnused([clip.jobId]);
    });
  }

  /**
   * Only a failed clip: media or a download of its URL is reused, else its job runs again. It
   * leaves the timeline (a clip that becomes ready is never put on it by itself).
   */
  async retry(projectId: string, clipId: string, scope: OwnerScope): Promise<ClipDto> {
    const found = await this.clipOf(projectId, clipId, scope);
    await this.ownerLock(found.ownerId, async () => {
      const [clip] = await this.clips.findWithState([found.id]);
      if (!clip) throw new NotFoundException('Clip not found');
      const { state } = clipState(clip);
      if (state !== 'failed') {
        throw new ConflictException(`The clip is ${state}; only failed clips can be retried`);
      }
      await this.clips.leaveTimeline(clip.id);
      const mediaId = await this.clips.findDownloadedMedia(clip.ownerId, clip.normalizedUrl);
      if (mediaId) return this.clips.setReusedMedia(clip.id, mediaId);
      const running = await this.clips.findDownloadInFlight(clip.ownerId, clip.normalizedUrl);
      if (running) return this.clips.setJob(clip.id, running);
      if (clip.job && (clip.job.state === 'failed' || clip.job.state === 'cancelled')) {
        await this.queue.retry(clip.job.id, ANY_OWNER);
      } else {
        await this.download(clip, { capped: true });
      }
    });
    const [clip] = await this.clips.findWithState([found.id]);
    return toClipDto(clip!);
  }

  /** The thumbnail of the clip's media (404 until there is one). */
  async thumbnail(
    clipId: string,
    scope: OwnerScope,
  ): Promise<{ path: string; media: MediaEntity }> {
    const clip = notFoundUnlessOwned(await this.clips.findById(clipId), scope, 'Clip');
    const media = clip.mediaId ? await this.media.get(clip.mediaId, ANY_OWNER) : null;
    const path = media && this.media.thumbnailPath(media);
    if (!media || !path) throw new NotFoundException('No thumbnail yet');
    return { path, media };
  }

  /**
   * A download job's file enters the owner's library as a clip and becomes the media of every
   * clip the job feeds. Refusals (415 not media, 422 undecodable…) propagate, so the job fails
   * with their message.
   */
  private async attachDownload(job: JobEntity, file: ReceivedFile): Promise<MediaEntity> {
    const jobId = job.id;
    const { clipId } = job.payload as DownloadPayload;
    const clips = await this.clips.forJob(jobId, clipId);
    if (!clips.length) throw this.clipsGone(jobId);
    // Sent again (a worker retried after its first upload went through): nothing new.
    const done = clips.find((clip) => clip.mediaId && clip.jobId === jobId);
    if (done) {
      await this.clips.attachMedia(jobId, clipId, done.mediaId!);
      return await this.media.get(done.mediaId!, ANY_OWNER);
    }
    const title = clips.find((clip) => clip.title)?.title;
    const media = await this.media.ingest(clips[0]!.ownerId, {
      ...file,
      fields: { type: 'clip', ...(title && { name: title }) },
    });
    if (!(await this.clips.attachMedia(jobId, clipId, media.id))) {
      await this.media.delete(media.id, ANY_OWNER);
      throw this.clipsGone(jobId);
    }
    return media;
  }

  /**
   * Before a project goes: its clips go, then the downloads and clip media no other clip uses
   * (media of other types — intros, outros, transitions — stay in the library).
   */
  async removeAllOf(project: Owned): Promise<void> {
    await this.ownerLock(project.ownerId, async () => {
      const released = await this.clips.deleteAllOf(project.id);
      const distinct = (ids: (string | null)[]) => [...new Set(ids.filter((id) => id !== null))];
      await this.cancelUnused(distinct(released.map((clip) => clip.jobId)));
      const mediaIds = distinct(released.map((clip) => clip.mediaId));
      const used = await this.clips.mediaInUse(mediaIds);
      for (const mediaId of mediaIds.filter((id) => !used.has(id))) {
        const media = await this.media.get(mediaId, ANY_OWNER).catch(() => null);
        if (media?.type === 'clip') await this.media.delete(media.id, ANY_OWNER);
      }
    });
  }

  /** Cancels the queued or running jobs among these that no clip waits for any more. */
  private async cancelUnused(jobIds: string[]): Promise<void> {
    const used = await this.clips.jobsInUse(jobIds);
    for (const jobId of jobIds.filter((id) => !used.has(id))) {
      const job = await this.jobs.get(jobId).catch(() => null);
      if (!job || !LIVE_JOB_STATES.includes(job.state)) continue;
      await this.queue.cancel(jobId, ANY_OWNER).catch((error: Error) => {
        // Finished meanwhile: nothing left to stop.
        if (!(error instanceof ConflictException)) throw error;
        this.logger.debug(`Job ${jobId} finished before it could be cancelled`);
      });
    }
  }

  private clipsGone(jobId: string): ConflictException {
    return new ConflictException(
      `The clips of download job ${jobId} were removed; stop working on it`,
    );
  }

  private async project(id: string, scope: OwnerScope): Promise<Owned> {
    return notFoundUnlessOwned(await this.clips.findProject(id), scope, 'Project');
  }

  private async clipOf(projectId: string, clipId: string, scope: OwnerScope): Promise<ClipEntity> {
    await this.project(projectId, scope);
    const clip = await this.clips.findById(clipId);
    if (!clip || clip.projectId !== projectId) throw new NotFoundException('Clip not found');
    return clip;
  }
}
