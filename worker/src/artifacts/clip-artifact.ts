import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, link, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ClipSource } from '@clippyfront/shared';
import { twitchClipSlug } from '../download/twitch-url.js';
import type { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import { renderThumbnail } from '../ffmpeg/thumbnail.js';
import {
  artifactSlug,
  artifactTimestamp,
  DONE_SENTINEL,
  publishArtifact,
  syncPath,
  writeFileSynced,
  type PublishHooks,
} from './artifact-dir.js';
import type { ArtifactSettings } from './artifact-settings.js';

export const MANIFEST_FILE = 'manifest.json';
export const THUMBNAIL_FILE = 'thumbnail.jpg';

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

export interface ClipArtifactOptions {
  settings: ArtifactSettings;
  ffmpeg: FfmpegRepository;
  signal: AbortSignal;
  log(line: string): void;
  now?: () => Date;
  hooks?: PublishHooks;
}

const RESERVED_NAMES = new Set(
  [MANIFEST_FILE, THUMBNAIL_FILE, DONE_SENTINEL].map((n) => n.toLowerCase()),
);

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

/** A hard link when the file system allows it (same device), else a copy (a reflink if it can). */
async function placeFile(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch {
    await copyFile(source, target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
  }
}

async function sha256Of(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash, { signal });
  return hash.digest('hex');
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
  const createdAt = (options.now ?? (() => new Date()))();
  const name = clipArtifactName(input, createdAt);
  const fileName = RESERVED_NAMES.has(input.fileName.toLowerCase())
    ? `clip-${input.fileName}`
    : input.fileName;
  return publishArtifact(
    options.settings.dir,
    name,
    async (dir) => {
      const clipPath = join(dir, fileName);
      await placeFile(input.filePath, clipPath);
      await syncPath(clipPath);
      const { size } = await stat(clipPath);
      const sha256 = await sha256Of(clipPath, options.signal);

      const thumbnailPath = join(dir, THUMBNAIL_FILE);
      try {
        await renderThumbnail(options.ffmpeg, {
          source: { url: clipPath, inputOptions: [] },
          output: thumbnailPath,
          isImage: false,
          durationSeconds: input.durationSeconds,
          signal: options.signal,
          timeoutSeconds: 120,
        });
        await syncPath(thumbnailPath);
      } catch (error) {
        if (options.signal.aborted) throw error;
        await rm(thumbnailPath, { force: true });
        options.log(`Artifact export: no ${THUMBNAIL_FILE} (${(error as Error).message})`);
      }

      const manifest: ClipManifest = {
        kind: 'clip',
        version: 1,
        clipId: input.clipId,
        jobId: input.jobId,
        mediaId: input.mediaId,
        sourceUrl: input.sourceUrl,
        source: input.source,
        fileName,
        sizeBytes: size,
        sha256,
        durationSeconds: input.durationSeconds,
        width: input.width,
        height: input.height,
        worker: options.settings.worker,
        createdAt: createdAt.toISOString(),
      };
      await writeFileSynced(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    options.hooks,
  );
}
