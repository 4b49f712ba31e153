import { Injectable } from '@nestjs/common';
import type { JobMediaAccess } from '@clippyfront/worker';
import { JobOutputs } from './job-outputs.js';
import { JobsService } from './jobs.service.js';

type ProvidedPart = 'input' | 'localCopy' | 'avatar' | 'saveThumbnail';
type Part<K extends ProvidedPart> = (jobId: string) => JobMediaAccess[K];

/**
 * How jobs run inside the API reach the library. The modules that own each part (media,
 * avatars) provide it at start, so the jobs module depends on none of them; outputs go to the
 * receiver registered for the job's kind.
 */
@Injectable()
export class InProcessMediaAccess {
  private readonly parts = new Map<ProvidedPart, Part<ProvidedPart>>();

  constructor(
    private readonly outputs: JobOutputs,
    private readonly jobs: JobsService,
  ) {}

  provide<K extends ProvidedPart>(key: K, part: Part<K>): void {
    this.parts.set(key, part as Part<ProvidedPart>);
  }

  forJob(jobId: string): JobMediaAccess {
    const part = <K extends ProvidedPart>(key: K): JobMediaAccess[K] => {
      const provided = this.parts.get(key);
      if (!provided) throw new Error(`In-process jobs cannot use "${key}" in this process`);
      return provided(jobId) as JobMediaAccess[K];
    };
    return {
      input: async (mediaId) => part('input')(mediaId),
      localCopy: async (mediaId, dir) => part('localCopy')(mediaId, dir),
      avatar: async (clipId, dir) => part('avatar')(clipId, dir),
      saveThumbnail: async (localPath) => part('saveThumbnail')(localPath),
      saveOutput: async (localPath, fileName) => {
        const job = await this.jobs.get(jobId);
        const media = await this.outputs.attachLocal(job, localPath, fileName);
        return { mediaId: media.id };
      },
    };
  }
}
