import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { JobKind } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JobEntity } from './job.entity.js';

export interface ReceivedFile {
  tmpPath: string;
  size: number;
  fileName: string;
}

/** What becomes of the file a job sends back (a download's clip, a compile's video). */
export interface JobOutputReceiver {
  /** The largest file this job may send, in bytes. */
  maxBytes(job: JobEntity): number;
  /** Takes the file into the library (it may move it away; what is left is removed after). */
  attach(job: JobEntity, file: ReceivedFile): Promise<{ id: string }>;
}

/**
 * One receiver per job kind that sends files. The modules owning each kind (clips, compilations)
 * register theirs at start, so the jobs module and the worker upload endpoint depend on neither.
 */
@Injectable()
export class JobOutputs {
  private readonly receivers = new Map<JobKind, JobOutputReceiver>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  register(kind: JobKind, receiver: JobOutputReceiver): void {
    this.receivers.set(kind, receiver);
  }

  receiverFor(job: JobEntity): JobOutputReceiver {
    const receiver = this.receivers.get(job.kind);
    if (!receiver) {
      throw new BadRequestException(`Job ${job.id} is a ${job.kind} job; it sends no files`);
    }
    return receiver;
  }

  /** Hands a received file to its job's receiver; the temporary file is gone afterwards. */
  async attach(job: JobEntity, file: ReceivedFile): Promise<{ id: string }> {
    try {
      return await this.receiverFor(job).attach(job, file);
    } finally {
      await rm(file.tmpPath, { force: true });
    }
  }

  /**
   * An in-process job's output: taken in from a temporary file of our own (the job keeps and
   * cleans its path), a hard link when both are on one filesystem, else a copy.
   */
  async attachLocal(job: JobEntity, localPath: string, fileName: string): Promise<{ id: string }> {
    const folder = join(this.config.paths.instance, 'tmp', 'job-outputs');
    await mkdir(folder, { recursive: true });
    const tmpPath = join(folder, randomUUID());
    await link(localPath, tmpPath).catch(() => copyFile(localPath, tmpPath));
    return this.attach(job, { tmpPath, size: (await stat(tmpPath)).size, fileName });
  }
}
