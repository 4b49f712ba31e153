import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import type { JobMediaAccess } from '../handlers/index.js';
import { runJob, type JobOutcome, type JobReporter } from '../runtime/run-job.js';
import { ApiClient } from './api-client.js';
import { WORKER_IDENTITY, type WorkerIdentity } from './worker-identity.js';
import { FFMPEG_LOCATION, WORKER_CONFIG, type WorkerConfig } from './worker-config.js';

/** Claims a job through the API, runs it, and reports with the per-job token. */
@Injectable()
export class JobExecutorService {
  private readonly logger = new Logger(JobExecutorService.name);

  constructor(
    private readonly api: ApiClient,
    @Inject(WORKER_IDENTITY) private readonly identity: WorkerIdentity,
    @Inject(FFMPEG_LOCATION) private readonly ffmpeg: FfmpegLocation,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  /** `wakeUpId` names a job of the queue; the API picks which one this worker gets. */
  async execute(wakeUpId: string): Promise<JobOutcome | 'skipped'> {
    const claim = await this.api.claim(wakeUpId, this.identity.id);
    if (!claim) {
      this.logger.log(`Job ${wakeUpId} is no longer claimable; skipped`);
      return 'skipped';
    }
    const { jobId } = claim;
    this.logger.log(`Claimed ${claim.kind} job ${jobId} (attempt ${claim.attempt})`);
    const { token } = claim;
    const reporter: JobReporter = {
      update: (update) => this.api.update(jobId, { token, ...update }),
      complete: (result, final) => this.api.complete(jobId, { token, result, log: final.log }),
      fail: (error, final) => this.api.fail(jobId, { token, error, log: final.log }),
    };
    const media: JobMediaAccess = {
      input: async (mediaId) => this.api.mediaInput(mediaId),
      localCopy: async (mediaId, dir, signal) => {
        const path = join(dir, `media-${mediaId}`);
        await this.api.downloadMedia(mediaId, path, signal);
        return path;
      },
      avatar: async (clipId, dir, signal) => {
        const path = join(dir, `avatar-${clipId}`);
        return (await this.api.downloadAvatar(clipId, path, signal)) ? path : null;
      },
      saveThumbnail: (localPath) => this.api.uploadThumbnail(jobId, token, localPath),
      saveOutput: (localPath, fileName, signal) =>
        this.api.uploadJobOutput(jobId, token, localPath, fileName, signal),
    };
    const outcome = await runJob(claim, reporter, media, this.ffmpeg, {
      download: this.config.download,
      compile: this.config.compile,
      onReportError: (message) => this.logger.warn(`Job ${jobId}: ${message}`),
      onClaimLost: (message) =>
        this.logger.warn(`Job ${jobId}: the claim was lost (${message}); stopped it`),
    });
    this.logger.log(`Job ${jobId} ${outcome}`);
    return outcome;
  }
}
