import {
  FFMPEG_INSTALL_COMMAND,
  type RenderReadinessDto,
  type WorkerDto,
} from '@clippyfront/shared';

export interface LocalFfmpeg {
  ffmpegPath: string | null;
  ffprobePath: string | null;
  version: string | null;
}

const READY: RenderReadinessDto = { ready: true, missing: [], reason: null, installCommand: null };

const installFfmpeg = (reason: string): RenderReadinessDto => ({
  ready: false,
  missing: ['ffmpeg'],
  reason,
  installCommand: FFMPEG_INSTALL_COMMAND,
});

/**
 * Whether a compile can run: in-process jobs need ffmpeg and ffprobe on this server; queued
 * jobs need an online worker that has ffmpeg.
 */
export function renderReadiness(
  mode: 'redis' | 'in-process',
  local: LocalFfmpeg,
  online: WorkerDto[],
): RenderReadinessDto {
  if (mode === 'in-process') {
    return local.ffmpegPath && local.ffprobePath && local.version
      ? READY
      : installFfmpeg(
          'ffmpeg/ffprobe are not installed on the server: compiles, probes and thumbnails fail until they are.',
        );
  }
  if (online.some((worker) => worker.online && worker.ffmpegVersion)) return READY;
  if (online.some((worker) => worker.online)) {
    return installFfmpeg(
      'No online worker has ffmpeg: install it on the workers (or set FFMPEG_BINARY there); compiles wait until then.',
    );
  }
  return {
    ready: false,
    missing: [],
    reason: 'No worker is online: compiles wait in the queue until one starts (npm run worker).',
    installCommand: null,
  };
}
