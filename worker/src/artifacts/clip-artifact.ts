import { extname } from 'node:path';
import type { ClipSource } from '@clippyfront/shared';
import { twitchClipSlug } from '../download/twitch-url.js';
import { artifactSlug, artifactTimestamp } from './artifact-dir.js';
import {
  artifactCreatedAt,
  exportMediaArtifact,
  type ArtifactExportOptions,
} from './media-artifact.js';

export { MANIFEST_FILE, THUMBNAIL_FILE } from './media-artifact.js';

/** `manifest.json` of a raw clip artifact (`clip_<clipId>_<slug>_<UTC>/`). */
export interface ClipManifest {
  kind: 'clip';
  version: 1;
  clipId: string;
  jobId: string;
  mediaId: string;
  sourceUrl: string;
  source: ClipSource;
  /** The clip file in the directory, byte for byte what was downloaded. */
  fileName: string;
  sizeBytes: number;
  /** Of the clip file, lowercase hex. */
  sha256: string;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  /** WORKER_NAME of the worker that downloaded it, or "embedded" (inside the API). */
  worker: string;
  /** ISO 8601, UTC; the directory name has the same instant to the second. */
  createdAt: string;
}

export interface ClipArtifactInput {
  jobId: string;
  clipId: string;
  mediaId: string;
  sourceUrl: string;
  source: ClipSource;
  /** The downloaded file; hard-linked into the artifact when possible, else copied. */
  filePath: string;
  /** Its name in the library (sanitized, with the right extension). */
  fileName: string;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
}

export type ClipArtifactOptions = ArtifactExportOptions;

/** `clip_<clipId>_<slug>_<yyyymmddThhmmssZ>`: the Twitch clip slug, else the file's stem. */
export function clipArtifactName(
  input: Pick<ClipArtifactInput, 'clipId' | 'source' | 'sourceUrl' | 'fileName'>,
  createdAt: Date,
): string {
  const stem = input.fileName.slice(0, input.fileName.length - extname(input.fileName).length);
  const twitch = input.source === 'twitch' ? twitchClipSlug(input.sourceUrl) : null;
  return [
    'clip',
    artifactSlug(input.clipId, 100),
    artifactSlug(twitch ?? stem),
    artifactTimestamp(createdAt),
  ].join('_');
}

/**
 * Exports a downloaded clip to ARTIFACTS_DIR for the artifact-sync sidecar: the unmodified
 * file, `thumbnail.jpg` (left out, with a log line, when ffmpeg cannot make one),
 * `manifest.json`, then `.DONE` once the directory is in place. Throws when nothing could be
 * exported, leaving nothing behind. Returns the artifact directory.
 */
export async function exportClipArtifact(
  input: ClipArtifactInput,
  options: ClipArtifactOptions,
): Promise<string> {
  const createdAt = artifactCreatedAt(options);
  return exportMediaArtifact(
    {
      name: clipArtifactName(input, createdAt),
      kind: 'clip',
      filePath: input.filePath,
      fileName: input.fileName,
      durationSeconds: input.durationSeconds,
      manifest: (media): ClipManifest => ({
        kind: 'clip',
        version: 1,
        clipId: input.clipId,
        jobId: input.jobId,
        mediaId: input.mediaId,
        sourceUrl: input.sourceUrl,
        source: input.source,
        ...media,
        durationSeconds: input.durationSeconds,
        width: input.width,
        height: input.height,
        worker: options.settings.worker,
        createdAt: createdAt.toISOString(),
      }),
    },
    options,
  );
}
