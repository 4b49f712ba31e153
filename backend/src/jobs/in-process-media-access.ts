import { Injectable } from '@nestjs/common';
import type { JobMediaAccess } from '@clippyfront/worker';

type Part<K extends keyof JobMediaAccess> = (jobId: string) => JobMediaAccess[K];

/**
 * How jobs run inside the API reach the library. The modules that own each part (media,
 * clips) provide it at start, so the jobs module depends on none of them.
 */
@Injectable()
export class InProcessMediaAccess {
  private readonly parts = new Map<keyof JobMediaAccess, Part<keyof JobMediaAccess>>();

  provide<K extends keyof JobMediaAccess>(key: K, part: Part<K>): void {
    this.parts.set(key, part as Part<keyof JobMediaAccess>);
  }

  forJob(jobId: string): JobMediaAccess {
    const part = <K extends keyof JobMediaAccess>(key: K): JobMediaAccess[K] => {
      const provided = this.parts.get(key);
      if (!provided) throw new Error(`In-process jobs cannot use "${key}" in this process`);
      return provided(jobId) as JobMediaAccess[K];
    };
    return {
      input: async (mediaId) => part('input')(mediaId),
      saveThumbnail: async (localPath) => part('saveThumbnail')(localPath),
      saveClipMedia: async (localPath, fileName) => part('saveClipMedia')(localPath, fileName),
    };
  }
}
