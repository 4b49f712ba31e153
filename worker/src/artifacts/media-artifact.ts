import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, link, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactReport } from '@clippyfront/shared';
import type { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import { renderThumbnail } from '../ffmpeg/thumbnail.js';
import {
  DONE_SENTINEL,
  publishArtifact,
  syncPath,
  writeFileSynced,
  type PublishHooks,
} from './artifact-dir.js';
import type { ArtifactSettings } from './artifact-settings.js';

export const MANIFEST_FILE = 'manifest.json';
export const THUMBNAIL_FILE = 'thumbnail.jpg';

/** How an artifact is exported; the same for clips and compilations. */
export interface ArtifactExportOptions {
  settings: ArtifactSettings;
  ffmpeg: FfmpegRepository;
  signal: AbortSignal;
  log(line: string): void;
  now?: () => Date;
  hooks?: PublishHooks;
}

/** The media file as it stands in the artifact directory, for the manifest. */
export interface ExportedMedia {
  fileName: string;
  sizeBytes: number;
  /** Of the file, lowercase hex. */
  sha256: string;
}

/** One artifact directory: a media file, its thumbnail, text files and a manifest. */
export interface MediaArtifact {
  /** The directory's name under ARTIFACTS_DIR. */
  name: string;
  /** `clip`, `compilation`: prefixes the media's name (`clip-thumbnail.jpg`) should it clash. */
  kind: string;
  /** Hard-linked into the artifact when possible, else copied. */
  filePath: string;
  fileName: string;
  /** Where the thumbnail is taken from; null: unknown. */
  durationSeconds: number | null;
  /** More files written next to the media, by name (`chapters.txt`). */
  textFiles?: Readonly<Record<string, string>>;
  /** The manifest, once the media file is in place (key order as documented). */
  manifest(media: ExportedMedia): object;
}

/** The instant an export starts: `options.now`, else the clock. */
export function artifactCreatedAt(options: Pick<ArtifactExportOptions, 'now'>): Date {
  return options.now ? options.now() : new Date();
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

/** `thumbnail.jpg` of the media; left out, with a log line, when ffmpeg cannot make one. */
async function writeThumbnail(
  dir: string,
  mediaPath: string,
  durationSeconds: number | null,
  options: ArtifactExportOptions,
): Promise<void> {
  const thumbnailPath = join(dir, THUMBNAIL_FILE);
  try {
    await renderThumbnail(options.ffmpeg, {
      source: { url: mediaPath, inputOptions: [] },
      output: thumbnailPath,
      isImage: false,
      durationSeconds,
      signal: options.signal,
      timeoutSeconds: 120,
    });
    await syncPath(thumbnailPath);
  } catch (error) {
    if (options.signal.aborted) throw error;
    await rm(thumbnailPath, { force: true });
    options.log(`Artifact export: no ${THUMBNAIL_FILE} (${(error as Error).message})`);
  }
}

/**
 * Exports a media file to ARTIFACTS_DIR for the artifact-sync sidecar: the unmodified file,
 * `thumbnail.jpg` (left out, with a log line, when ffmpeg cannot make one), the text files,
 * `manifest.json`, then `.DONE` once the directory is in place. Throws when nothing could be
 * exported, leaving nothing behind. Returns the artifact directory.
 */
export async function exportMediaArtifact(
  artifact: MediaArtifact,
  options: ArtifactExportOptions,
): Promise<string> {
  const textFiles = Object.entries(artifact.textFiles ?? {});
  const reserved = new Set(
    [MANIFEST_FILE, THUMBNAIL_FILE, DONE_SENTINEL, ...textFiles.map(([name]) => name)].map((n) =>
      n.toLowerCase(),
    ),
  );
  const fileName = reserved.has(artifact.fileName.toLowerCase())
    ? `${artifact.kind}-${artifact.fileName}`
    : artifact.fileName;
  return publishArtifact(
    options.settings.dir,
    artifact.name,
    async (dir) => {
      const mediaPath = join(dir, fileName);
      await placeFile(artifact.filePath, mediaPath);
      await syncPath(mediaPath);
      const { size } = await stat(mediaPath);
      const sha256 = await sha256Of(mediaPath, options.signal);
      await writeThumbnail(dir, mediaPath, artifact.durationSeconds, options);
      for (const [name, content] of textFiles) await writeFileSynced(join(dir, name), content);
      const manifest = artifact.manifest({ fileName, sizeBytes: size, sha256 });
      await writeFileSynced(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    options.hooks,
  );
}

/**
 * Runs an export of a job whose output is already in the library: logs "Exported <dir> to
 * ARTIFACTS_DIR <path>", or, when it fails (full disk, permissions), a warning naming `subject`
 * ("the clip"). Never throws: the export does not decide the job's outcome. Answers what the
 * job reports to the API (`exported` with the directory's name, or `failed` with the reason).
 */
export async function exportOrWarn(
  settings: ArtifactSettings,
  log: (line: string) => void,
  subject: string,
  run: () => Promise<string>,
  now: () => Date = () => new Date(),
): Promise<ArtifactReport> {
  try {
    const dir = await run();
    log(`Exported ${basename(dir)} to ARTIFACTS_DIR ${settings.dir}`);
    return { name: basename(dir), state: 'exported', at: now().toISOString(), error: null };
  } catch (error) {
    const message = (error as Error).message;
    log(
      `Warning: artifact export to ARTIFACTS_DIR ${settings.dir} failed, nothing ` +
        `exported (${subject} is in the library): ${message}`,
    );
    return { name: null, state: 'failed', at: now().toISOString(), error: message };
  }
}
