/**
 * Compilations of a project, as the API and the SPA see them: `POST /api/projects/:id/compile`
 * starts one (a `compile` job), `GET /api/projects/:id/compilations` lists them.
 */
import type { CompileChapter, CompileEncoder } from './compile.js';
import type { JobState } from './jobs.js';
import type { MediaDto } from './media.js';
import type { CompileFormat } from './compile.js';
import { OUTPUT_FORMATS, OUTPUT_FPS, OUTPUT_RESOLUTIONS } from './projects.js';
import type { ProjectOutputSettings } from './projects.js';

/** Every resolution, frame rate and container the project form offers (see projects.ts). */
export const COMPILE_RESOLUTIONS = OUTPUT_RESOLUTIONS;
export type CompileResolution = (typeof COMPILE_RESOLUTIONS)[number];
export const COMPILE_RESOLUTION_SIZES: Record<
  CompileResolution,
  { width: number; height: number }
> = {
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 },
  '1440p': { width: 2560, height: 1440 },
  '2160p': { width: 3840, height: 2160 },
};

export const COMPILE_FPS = OUTPUT_FPS;
export type CompileFps = (typeof COMPILE_FPS)[number];

/** mp4: H.264 + AAC; mkv: H.264 + AAC; webm: VP9 + Opus. Chapters in each. */
export const COMPILE_FORMATS: readonly CompileFormat[] = OUTPUT_FORMATS;

/** Output quality: x264 CRF 18 (high), 23 (standard), 28 (small file). */
export const COMPILE_QUALITIES = ['high', 'standard', 'small'] as const;
export type CompileQuality = (typeof COMPILE_QUALITIES)[number];
export const COMPILE_QUALITY_CRF: Record<CompileQuality, number> = {
  high: 18,
  standard: 23,
  small: 28,
};

export interface CompileSettingsDto {
  resolution: CompileResolution;
  fps: CompileFps;
  /** Absent on compilations made before formats existed: those are MP4. */
  format: CompileFormat;
  quality: CompileQuality;
}

/** The nearest offered frame rate (a tie goes to the lower). */
export function nearestCompileFps(fps: number): CompileFps {
  return COMPILE_FPS.reduce((best, value) =>
    Math.abs(fps - value) < Math.abs(fps - best) ? value : best,
  );
}

/**
 * The settings a compile of a project takes unless asked otherwise (the API for unset fields,
 * the SPA's form to start with): its output settings (resolution, frame rate, format) and
 * standard quality.
 */
export function defaultCompileSettings(
  output: Pick<ProjectOutputSettings, 'resolution' | 'fps' | 'format'> | null | undefined,
): CompileSettingsDto {
  const resolution = (COMPILE_RESOLUTIONS as readonly string[]).includes(output?.resolution ?? '')
    ? output!.resolution
    : '1080p';
  const format = (COMPILE_FORMATS as readonly string[]).includes(output?.format ?? '')
    ? output!.format
    : 'mp4';
  return { resolution, fps: nearestCompileFps(output?.fps ?? 30), format, quality: 'standard' };
}

/**
 * `POST /api/projects/:id/compile`. Unset fields come from the project's output settings
 * and `standard` quality; a value not listed above is refused with 400, and so is an empty
 * timeline.
 */
export type StartCompileRequest = Partial<CompileSettingsDto>;

/** What the finished render tells (null while it runs). */
export interface CompilationOutputDto {
  durationSeconds: number;
  sizeBytes: number;
  /** Wall time of the render on the worker; null: an import whose manifest does not say. */
  renderSeconds: number | null;
  encoder: CompileEncoder | null;
  chapters: CompileChapter[];
  /** YouTube-ready: one "00:00 Title — creator" line per chapter. */
  chaptersText: string;
}

/** What a `compile` job answers: the render's figures and the media the API made of it. */
export interface CompileJobResult extends CompilationOutputDto {
  renderSeconds: number;
  encoder: CompileEncoder;
  mediaId: string;
  /** Set by a worker with ARTIFACTS_DIR: how the export went (absent: not exported). */
  artifact?: ArtifactReport;
}

/**
 * An exported artifact (ARTIFACTS_DIR): `exported` once the worker wrote it (`.DONE`), `pushed`
 * once the artifact-sync sidecar pushed it to the ingest host (`.PUSHED`), `failed` when the
 * export or the last push failed (`error` says why; a failed push is retried by the sidecar).
 */
export const ARTIFACT_STATES = ['exported', 'pushed', 'failed'] as const;
export type ArtifactState = (typeof ARTIFACT_STATES)[number];

/** What a worker reports about one artifact of a job (in the job result, then `artifacts`). */
export interface ArtifactReport {
  /** The artifact directory's name under ARTIFACTS_DIR; null when the export failed. */
  name: string | null;
  state: ArtifactState;
  /** ISO 8601: when the state was reached (reports older than the stored state are ignored). */
  at: string;
  error?: string | null;
}

/** The compilation's artifact as the SPA shows it; the compilation's `artifact` is null when not exported. */
export interface CompilationArtifactDto {
  name: string | null;
  state: ArtifactState;
  /** When it reached this state. */
  at: string;
  error: string | null;
  /** WORKER_NAME of the worker that exported it, when known. */
  worker: string | null;
}

/**
 * Where a compilation came from: `render`, a compile of the project's timeline (it has a job);
 * `ingest`, an artifact a remote worker pushed to INGEST_ROOT that the ingest importer took in.
 */
export const COMPILATION_SOURCES = ['render', 'ingest'] as const;
export type CompilationSource = (typeof COMPILATION_SOURCES)[number];

/** An imported compilation's origin under INGEST_ROOT. */
export interface CompilationImportDto {
  /** The worker directory under INGEST_ROOT (the sidecar's PUSH_TARGET ends in it). */
  workerId: string;
  /** The artifact directory's name. */
  artifact: string;
  /** `<workerId>/<artifact>/<file>` under INGEST_ROOT. */
  path: string;
}

export interface CompilationDto {
  id: string;
  projectId: string;
  source: CompilationSource;
  /**
   * The `compile` job: its progress, log, cancel and retry are at `/api/jobs/:jobId`. null: an
   * import (no render here).
   */
  jobId: string | null;
  /** Set for `source: 'ingest'`. */
  imported: CompilationImportDto | null;
  state: JobState;
  progress: number;
  error: string | null;
  /** What was asked of the render; null for an import (see `media` for what the file is). */
  settings: CompileSettingsDto | null;
  /** What the owner's tier changed of the settings asked for (also in the job log); null: nothing. */
  tierNote: string | null;
  /** The `compilation` media item, once the render is done (stream, download, thumbnail). */
  media: MediaDto | null;
  output: CompilationOutputDto | null;
  /** null: not exported to ARTIFACTS_DIR (or not yet). */
  artifact: CompilationArtifactDto | null;
  createdAt: string;
  finishedAt: string | null;
}

/** `GET /api/projects/:id/compilations`: newest first. */
export interface CompilationListDto {
  items: CompilationDto[];
}
