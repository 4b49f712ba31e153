import type { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import type { ArtifactExportOptions } from './media-artifact.js';

/** Test-only: export options into `dir` as worker "render-01", at a fixed instant. */
export function artifactOptions(
  dir: string,
  ffmpeg: FfmpegRepository,
  now: Date,
  logs: string[] = [],
): ArtifactExportOptions {
  return {
    settings: { dir, worker: 'render-01' },
    ffmpeg,
    signal: new AbortController().signal,
    log: (line: string) => logs.push(line),
    now: () => now,
  };
}
