import { ConflictException } from '@nestjs/common';
import { jest } from '@jest/globals';
import { locateFfmpeg } from '@clippyfront/worker';
import type { AppConfig } from '../config/app-config.js';
import type { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import type { WorkersService } from '../workers/workers.service.js';
import { InProcessJobDispatcher } from './in-process-job.dispatcher.js';
import type { InProcessMediaAccess } from './in-process-media-access.js';
import type { JobEntity } from './job.entity.js';
import type { JobsService } from './jobs.service.js';

describe('InProcessJobDispatcher', () => {
  it('stops a job at once when its claim is lost (409 on a report), reporting nothing more', async () => {
    const job = {
      id: 'j1',
      kind: 'probe',
      // Long enough that finishing it would take far longer than the test waits.
      payload: { durationSeconds: 600, width: 1280, height: 720, fps: 30 },
      attempts: 1,
    } as unknown as JobEntity;
    const complete = jest.fn(async () => undefined);
    const fail = jest.fn(async () => undefined);
    const jobs = {
      claim: async () => ({ job, token: 't1' }),
      report: async () => {
        throw new ConflictException('This claim is no longer current; stop working on it');
      },
      complete,
      fail,
    } as unknown as JobsService;
    const location = await locateFfmpeg();
    const dispatcher = new InProcessJobDispatcher(
      jobs,
      {} as WorkersService,
      { location } as unknown as FfmpegService,
      { forJob: () => ({}) } as unknown as InProcessMediaAccess,
      { jobs: { embeddedConcurrency: 1 } } as AppConfig,
    );
    const running = (dispatcher as unknown as { running: Map<string, unknown> }).running;
    await dispatcher.dispatch(job);
    expect(running.has('j1')).toBe(true);
    const deadline = Date.now() + 20_000;
    while (running.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stoppedByItself = running.size === 0;
    await dispatcher.onApplicationShutdown();
    expect(stoppedByItself).toBe(true);
    expect(complete).not.toHaveBeenCalled();
    expect(fail).not.toHaveBeenCalled();
  });
});
