import { join } from 'node:path';
import { FfmpegMissingError } from '../ffmpeg/ffmpeg-locator.js';
import type { JobHandler } from './job-context.js';
import { jobFfmpeg } from './job-ffmpeg.js';

/** Generates a test clip with ffmpeg's lavfi sources and probes it with ffprobe. */
export const probeHandler: JobHandler<'probe'> = async (ctx) => {
  const { durationSeconds, width, height, fps } = ctx.payload;
  if (!ctx.ffmpeg.ffmpegPath || !ctx.ffmpeg.ffprobePath) throw new FfmpegMissingError(ctx.ffmpeg);
  const ffmpeg = jobFfmpeg(ctx);
  const output = join(ctx.workDir, 'probe.mp4');

  ctx.log(`ffmpeg ${ctx.ffmpeg.version ?? 'unknown version'} at ${ctx.ffmpeg.ffmpegPath}`);
  ctx.log(`Generating test clip: ${width}x${height} @ ${fps} fps, ${durationSeconds} s`);
  ctx.progress(5);
  await ffmpeg.run(
    (command) =>
      command
        .input(`testsrc2=size=${width}x${height}:rate=${fps}:duration=${durationSeconds}`)
        .inputFormat('lavfi')
        .input(`sine=frequency=440:sample_rate=48000:duration=${durationSeconds}`)
        .inputFormat('lavfi')
        .outputOptions(['-c:v libx264', '-preset ultrafast', '-pix_fmt yuv420p', '-c:a aac'])
        .output(output),
    {
      signal: ctx.signal,
      timeoutSeconds: 120 + durationSeconds * 10,
      expectedDurationSeconds: durationSeconds,
      onProgress: (fraction) => ctx.progress(5 + Math.round(fraction * 75)),
    },
  );
  ctx.progress(80);
  ctx.log('Probing the clip with ffprobe');
  const probed = await ffmpeg.probe(output);
  ctx.log(
    `Probed: ${probed.formatName}, ${probed.durationSeconds.toFixed(2)} s, ` +
      `video ${probed.video?.codec ?? 'none'}, audio ${probed.audio?.codec ?? 'none'}`,
  );
  ctx.progress(100);
  return { ffmpegVersion: ctx.ffmpeg.version ?? 'unknown', ...probed };
};
