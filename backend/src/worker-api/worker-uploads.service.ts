import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { Upload } from '@tus/server';
import { isUUID } from 'class-validator';
import { API_PATHS, JOB_TOKEN_HEADER, TUS_MEDIA_ID_HEADER } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobOutputs } from '../jobs/job-outputs.js';
import { hashToken, JobsService } from '../jobs/jobs.service.js';
import { tooLarge } from '../media/media-files.repository.js';
import { TusEndpoint, type TusRequest } from '../media/tus-endpoint.js';

type Metadata = NonNullable<Upload['metadata']>;

/** Compared as hashes: equal lengths for timingSafeEqual, whatever was sent. */
function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  return timingSafeEqual(Buffer.from(hashToken(given)), Buffer.from(hashToken(expected)));
}

/** Set by the server at creation: the claim the upload belongs to, and its size limit. */
const JOB_KEY = 'clippy-job';
const TOKEN_KEY = 'clippy-token';
const LIMIT_KEY = 'clippy-max-bytes';

/**
 * Workers send a job's output file here (a download's clip, a compile's video) with tus 1.0
 * (resumable, in chunks; a TusEndpoint under <instance>/tmp/worker-uploads). Every request must
 * come from the job's current claim (and counts as a sign of life for it); DELETE also from the
 * claim of a job cancelled meanwhile, and names it in X-Job-Token. The last PATCH hands the file
 * to the receiver of the job's kind and answers the media id, or the refusal.
 */
@Injectable()
export class WorkerUploadsService {
  private readonly endpoint: TusEndpoint;

  constructor(
    private readonly outputs: JobOutputs,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.endpoint = new TusEndpoint({
      directory: join(config.paths.instance, 'tmp', 'worker-uploads'),
      logger: new Logger(WorkerUploadsService.name),
      limitOf: (id) => this.limitOf(id),
      server: {
        path: API_PATHS.worker.uploads,
        maxSize: (_req, id) => this.limitOf(id),
        relativeLocation: true,
        onUploadCreate: (req, upload) => this.create(req, upload),
        onIncomingRequest: (req, id) => this.checkClaim(req, id),
        onUploadFinish: (_req, upload) => this.finish(upload),
      },
    });
  }

  handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    return this.endpoint.handle(request, response);
  }

  /** Removes unfinished uploads past their expiry (the worker-upload-expiry task); answers how many. */
  removeExpired(): Promise<number> {
    return this.endpoint.removeExpired();
  }

  /** POST: only the current claim of a running job that sends a file, within its size limit. */
  private async create(req: TusRequest, upload: Upload): Promise<{ metadata: Metadata }> {
    if (req.headers.get('content-type') === 'application/offset+octet-stream') {
      throw new BadRequestException('Send the data with PATCH requests, not in the POST');
    }
    const { jobId, token, filename } = upload.metadata ?? {};
    if (!jobId || !token || !filename?.trim()) {
      throw new BadRequestException('Upload-Metadata must include "jobId", "token" and "filename"');
    }
    if (!isUUID(jobId)) throw new NotFoundException(`Job ${jobId} not found`);
    const job = await this.jobs.claimed(jobId, token);
    const limit = Math.min(this.outputs.receiverFor(job).maxBytes(job), this.config.maxUploadBytes);
    if (upload.size !== undefined && upload.size > limit) {
      throw new PayloadTooLargeException(tooLarge(limit));
    }
    if (upload.size === 0) throw new BadRequestException('The file is empty');
    return {
      metadata: { filename, [JOB_KEY]: jobId, [TOKEN_KEY]: token, [LIMIT_KEY]: String(limit) },
    };
  }

  /**
   * HEAD, PATCH and DELETE: the claim must still be current; it is kept alive meanwhile. DELETE
   * must also name the upload's claim in X-Job-Token, and may abandon the upload of a job that
   * was cancelled.
   */
  private async checkClaim(req: TusRequest, id: string): Promise<void> {
    if (req.method === 'POST') return;
    const metadata = (await this.endpoint.store.configstore.get(id))?.metadata;
    const jobId = metadata?.[JOB_KEY];
    const token = metadata?.[TOKEN_KEY];
    if (!jobId || !token) throw new NotFoundException('Upload not found');
    if (req.method === 'DELETE' && !sameToken(req.headers.get(JOB_TOKEN_HEADER), token)) {
      throw new ConflictException(
        `This upload belongs to another claim of job ${jobId}: send its token in ${JOB_TOKEN_HEADER}`,
      );
    }
    const { cancelled } = await this.jobs.report(jobId, token, undefined, undefined);
    if (cancelled && req.method !== 'DELETE') {
      await this.endpoint.forget(id);
      throw new ConflictException(`Job ${jobId} was cancelled; stop working on it`);
    }
  }

  private async finish(upload: Upload): Promise<{ headers: Record<string, string> }> {
    const metadata = upload.metadata ?? {};
    try {
      const jobId = metadata[JOB_KEY];
      if (!jobId) throw new NotFoundException('Upload not found');
      const job = await this.jobs.claimed(jobId, metadata[TOKEN_KEY] ?? '');
      const media = await this.outputs.attach(job, {
        tmpPath: this.endpoint.dataPath(upload.id),
        size: upload.offset,
        fileName: metadata.filename ?? 'download',
      });
      return { headers: { [TUS_MEDIA_ID_HEADER]: media.id } };
    } finally {
      await this.endpoint.forget(upload.id);
    }
  }

  /** The job's limit once the upload exists; MAX_CONTENT_LENGTH before. */
  private async limitOf(id: string | null): Promise<number> {
    const info = id ? await this.endpoint.store.configstore.get(id) : undefined;
    const limit = Number(info?.metadata?.[LIMIT_KEY]);
    return limit > 0 ? limit : this.config.maxUploadBytes;
  }
}
