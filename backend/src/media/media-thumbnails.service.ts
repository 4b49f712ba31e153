import type { Readable } from 'node:stream';
import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { ThumbnailPayload } from '@clippyfront/shared';
import type { MediaInput } from '@clippyfront/worker';
import { InProcessMediaAccess } from '../jobs/in-process-media-access.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { MediaEntity } from './media.entity.js';
import { MediaFilesRepository } from './media-files.repository.js';
import { MediaRepository } from './media.repository.js';

/** A thumbnail is a small JPEG; anything bigger is not one. */
export const MAX_THUMBNAIL_BYTES = 5 * 1024 * 1024;
const THUMBNAIL_TOO_BIG = `A thumbnail must be under ${MAX_THUMBNAIL_BYTES} bytes`;

export function thumbnailPayload(
  media: Pick<MediaEntity, 'id' | 'type' | 'durationSeconds'>,
): ThumbnailPayload {
  return {
    mediaId: media.id,
    isImage: media.type === 'image',
    durationSeconds: media.durationSeconds,
  };
}

/** Thumbnails are made by jobs (in a worker or in-process) and stored beside the media. */
@Injectable()
export class MediaThumbnailsService implements OnModuleInit {
  private readonly logger = new Logger(MediaThumbnailsService.name);

  constructor(
    private readonly media: MediaRepository,
    private readonly files: MediaFilesRepository,
    private readonly queue: JobQueueService,
    private readonly jobs: JobsService,
    private readonly inProcess: InProcessMediaAccess,
  ) {}

  onModuleInit(): void {
    this.inProcess.provide('input', () => (mediaId) => this.localInput(mediaId));
    this.inProcess.provide(
      'localCopy',
      () => async (mediaId) => (await this.localInput(mediaId)).url,
    );
    this.inProcess.provide(
      'saveThumbnail',
      (jobId) => async (localPath) => this.save(await this.jobs.get(jobId), localPath),
    );
  }

  /** Queues a thumbnail job for the media; the job id, or null if it could not be queued. */
  async request(media: MediaEntity): Promise<string | null> {
    try {
      return (await this.queue.enqueue('thumbnail', thumbnailPayload(media), media.ownerId)).id;
    } catch (error) {
      // The media is in the library either way; a reindex with --regen-thumbnails catches up.
      this.logger.error(`Could not queue a thumbnail for ${media.id}: ${(error as Error).message}`);
      return null;
    }
  }

  /** A worker's upload: only the current claim of a running thumbnail job may send one. */
  async receiveFromWorker(
    jobId: string,
    token: string,
    body: Readable,
    declaredBytes: number,
  ): Promise<void> {
    const job = await this.jobs.claimed(jobId, token);
    // Refused before reading, so the client gets the answer instead of a reset connection.
    if (declaredBytes > MAX_THUMBNAIL_BYTES) throw new PayloadTooLargeException(THUMBNAIL_TOO_BIG);
    const { tmpPath, size } = await this.files.receive(
      body,
      MAX_THUMBNAIL_BYTES,
      THUMBNAIL_TOO_BIG,
    );
    try {
      const detected = size ? await this.files.detect(tmpPath) : undefined;
      if (detected?.mime !== 'image/jpeg') {
        throw new UnsupportedMediaTypeException('A thumbnail must be a JPEG image');
      }
      await this.save(job, tmpPath);
    } finally {
      await this.files.discard(tmpPath);
    }
  }

  private async save(job: JobEntity, localPath: string): Promise<void> {
    if (job.kind !== 'thumbnail') {
      throw new BadRequestException(`Job ${job.id} is a ${job.kind} job, not a thumbnail job`);
    }
    const { mediaId } = job.payload as ThumbnailPayload;
    const media = await this.existing(mediaId);
    const stored = await this.files.storeThumbnail(localPath, media.ownerId, media.id);
    // Deleted while the job ran: its thumbnail must not stay behind.
    if (!(await this.media.setThumbnail(media.id, stored))) {
      await this.files.remove(stored);
      throw new NotFoundException(`Media ${mediaId} was deleted`);
    }
  }

  private async existing(mediaId: string): Promise<MediaEntity> {
    const media = await this.media.findById(mediaId);
    if (!media) throw new NotFoundException(`Media ${mediaId} no longer exists`);
    return media;
  }

  /** In-process jobs read the file in place. */
  private async localInput(mediaId: string): Promise<MediaInput> {
    return { url: this.files.runtimePath((await this.existing(mediaId)).path), inputOptions: [] };
  }
}
