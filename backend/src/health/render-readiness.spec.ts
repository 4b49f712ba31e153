import { FFMPEG_INSTALL_COMMAND, type WorkerDto } from '@clippyfront/shared';
import { renderReadiness } from './render-readiness.js';

const FOUND = { ffmpegPath: '/usr/bin/ffmpeg', ffprobePath: '/usr/bin/ffprobe', version: '5.1' };
const MISSING = { ffmpegPath: null, ffprobePath: null, version: null };

function worker(ffmpegVersion: string | null, online = true): WorkerDto {
  return {
    workerId: 'w',
    name: 'w',
    queues: ['gpu', 'celery'],
    concurrency: 1,
    version: '0.1.0',
    ffmpegVersion,
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    online,
  };
}

describe('renderReadiness', () => {
  it('in-process jobs: ready when this server has ffmpeg and ffprobe', () => {
    expect(renderReadiness('in-process', FOUND, [])).toEqual({
      ready: true,
      missing: [],
      reason: null,
      installCommand: null,
    });
  });

  it('in-process jobs without ffmpeg (or without ffprobe): names it and the install command', () => {
    for (const local of [MISSING, { ...FOUND, ffprobePath: null }]) {
      const answer = renderReadiness('in-process', local, []);
      expect(answer).toMatchObject({ ready: false, missing: ['ffmpeg'] });
      expect(answer.installCommand).toBe(FFMPEG_INSTALL_COMMAND);
      expect(answer.reason).toMatch(/not installed on the server/);
    }
  });

  it('queued jobs: ready once an online worker has ffmpeg, whatever the server has', () => {
    expect(renderReadiness('redis', MISSING, [worker(null), worker('7.1')]).ready).toBe(true);
  });

  it('queued jobs: online workers without ffmpeg → install it on the workers', () => {
    const answer = renderReadiness('redis', FOUND, [worker(null), worker('7.1', false)]);
    expect(answer).toMatchObject({ ready: false, missing: ['ffmpeg'] });
    expect(answer.reason).toMatch(/No online worker has ffmpeg/);
    expect(answer.installCommand).toBe(FFMPEG_INSTALL_COMMAND);
  });

  it('queued jobs and no worker online: says so, nothing to install', () => {
    expect(renderReadiness('redis', FOUND, [])).toMatchObject({
      ready: false,
      missing: [],
      installCommand: null,
      reason: expect.stringMatching(/No worker is online/),
    });
  });
});
