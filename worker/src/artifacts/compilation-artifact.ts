import type { CompileChapter, CompileEncoder } from '@clippyfront/shared';
import { artifactSlug, artifactTimestamp } from './artifact-dir.js';
import {
  artifactCreatedAt,
  exportMediaArtifact,
  type ArtifactExportOptions,
} from './media-artifact.js';

/** The YouTube chapter list, as shown with the compilation. */
export const CHAPTERS_FILE = 'chapters.txt';

/** `manifest.json` of a compilation artifact (`<projectId>_<slug>_<UTC>/`). */
export interface CompilationManifest {
  kind: 'compilation';
  version: 1;
  projectId: string;
  jobId: string;
  mediaId: string;
  /** The MP4 in the directory, byte for byte what went to the library. */
  fileName: string;
  sizeBytes: number;
  /** Of the MP4, lowercase hex. */
  sha256: string;
  durationSeconds: number;
  /** The output profile it was rendered at. */
  width: number;
  height: number;
  fps: number;
  encoder: CompileEncoder;
  renderSeconds: number;
  chapters: CompileChapter[];
  /** WORKER_NAME of the worker that rendered it, or "embedded" (inside the API). */
  worker: string;
  /** ISO 8601, UTC; the directory name has the same instant to the second. */
  createdAt: string;
}

export interface CompilationArtifactInput extends Pick<
  CompilationManifest,
  | 'jobId'
  | 'projectId'
  | 'mediaId'
  | 'durationSeconds'
  | 'width'
  | 'height'
  | 'fps'
  | 'encoder'
  | 'renderSeconds'
  | 'chapters'
> {
  /** The project's output name as the job got it (the slug is made from it). */
  outputName?: string;
  /** The rendered MP4; hard-linked into the artifact when possible, else copied. */
  filePath: string;
  /** Its name in the library. */
  fileName: string;
  /** Written as `chapters.txt`. */
  chaptersText: string;
}

/** `<projectId>_<slug>_<yyyymmddThhmmssZ>`, the slug from the output name ("compilation"). */
export function compilationArtifactName(
  input: Pick<CompilationArtifactInput, 'projectId' | 'outputName'>,
  createdAt: Date,
): string {
  return [
    artifactSlug(input.projectId, 100, 'project'),
    artifactSlug(input.outputName ?? '', 60, 'compilation'),
    artifactTimestamp(createdAt),
  ].join('_');
}

/**
 * Exports a rendered compilation to ARTIFACTS_DIR for the artifact-sync sidecar: the MP4,
 * `thumbnail.jpg` (left out, with a log line, when ffmpeg cannot make one), `chapters.txt`,
 * `manifest.json`, then `.DONE` once the directory is in place. Throws when nothing could be
 * exported, leaving nothing behind. Returns the artifact directory.
 */
export async function exportCompilationArtifact(
  input: CompilationArtifactInput,
  options: ArtifactExportOptions,
): Promise<string> {
  const createdAt = artifactCreatedAt(options);
  return exportMediaArtifact(
    {
      name: compilationArtifactName(input, createdAt),
      kind: 'compilation',
      filePath: input.filePath,
      fileName: input.fileName,
      durationSeconds: input.durationSeconds,
      textFiles: { [CHAPTERS_FILE]: input.chaptersText },
      manifest: (media): CompilationManifest => ({
        kind: 'compilation',
        version: 1,
        projectId: input.projectId,
        jobId: input.jobId,
        mediaId: input.mediaId,
        ...media,
        durationSeconds: input.durationSeconds,
        width: input.width,
        height: input.height,
        fps: input.fps,
        encoder: input.encoder,
        renderSeconds: input.renderSeconds,
        chapters: input.chapters,
        worker: options.settings.worker,
        createdAt: createdAt.toISOString(),
      }),
    },
    options,
  );
}
