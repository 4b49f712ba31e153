import { Injectable } from '@nestjs/common';
import type { JobMediaAccess } from '@clippyfront/worker';

/**
 * How jobs run inside the API reach the media library. The media module provides the
 * implementation at start, so the jobs module does not depend on it.
 */
@Injectable()
export class InProcessMediaAccess {
  private factory: ((jobId: string) => JobMediaAccess) | undefined;

  provide(factory: (jobId: string) => JobMediaAccess): void {
    this.factory = factory;
  }

  forJob(jobId: string): JobMediaAccess {
    const access = () => {
      if (!this.factory) throw new Error('The media library is not available to in-process jobs');
      return this.factory(jobId);
    };
    return {
      input: async (mediaId) => access().input(mediaId),
      saveThumbnail: async (localPath) => access().saveThumbnail(localPath),
    };
  }
}
