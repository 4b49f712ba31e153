/**
 * Compilations of a project, as the API and the SPA see them: `POST /api/projects/:id/compile`
 * starts one (a `compile` job), `GET /api/projects/:id/compilations` lists them.
 */
import type { CompileChapter, CompileEncoder } from './compile.js';
import type { JobState } from './jobs.js';
import type { MediaDto } from './media.js';
import type { ProjectOutputSettings } from './projects.js';

export const COMPILE_RESOLUTIONS = ['720p', '1080p'] as const;
export type CompileResolution = (typeof COMPILE_RESOLUTIONS)[number];
export const COMPILE_RESOLUTION_SIZES: Record<
  CompileResolution,
  { width: number; height: number }
> = {
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 },
};

export const COMPILE_FPS = [30, 60] as const;
export type CompileFps = (typeof COMPILE_FPS)[number];

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
  quality: CompileQuality;
}

/** The nearer of 30 and 60 fps (a tie goes to 30). */
export function nearestCompileFps(fps: number): CompileFps {
  return Math.abs(fps - 60) < Math.abs(fps - 30) ? 60 : 30;
}

/**
 * The settings a compile of a project takes unless asked otherwise (the API for unset fields,
 * the SPA's form to start with): its output settings, a resolution above 1080p lowered to
 * 1080p, the fps the nearer of 30/60, standard quality.
 */
export function defaultCompileSettings(
  output: Pick<ProjectOutputSettings, 'resolution' | 'fps'> | null | undefined,
): CompileSettingsDto {
  const resolution = (COMPILE_RESOLUTIONS as readonly string[]).includes(output?.resolution ?? '')
    ? (output!.resolution as CompileResolution)
    : '1080p';
  return { resolution, fps: nearestCompileFps(output?.fps ?? 30), quality: 'standard' };
}

/**
 * `POST /api/projects/:id/compile`. Unset fields come from the project's output settings
 * (a resolution above 1080p becomes 1080p, an fps other than 30/60 the nearer one) and
 * `standard` quality. An empty timeline is refused with 400.
 */
export type StartCompileRequest = Partial<CompileSettingsDto>;

/** What the finished render tells (null while it runs). */
export interface CompilationOutputDto {
  durationSeconds: number;
  sizeBytes: number;
  /** Wall time of the render on the worker. */
  renderSeconds: number;
  encoder: CompileEncoder;
  chapters: CompileChapter[];
  /** YouTube-ready: one "00:00 Title — creator" line per chapter. */
  chaptersText: string;
}

/** What a `compile` job answers: the render's figures and the media the API made of it. */
export interface CompileJobResult extends CompilationOutputDto {
  mediaId: string;
}

export interface CompilationDto {
  id: string;
  projectId: string;
  /** The `compile` job: its progress, log, cancel and retry are at `/api/jobs/:jobId`. */
  jobId: string;
  state: JobState;
  progress: number;
  error: string | null;
  settings: CompileSettingsDto;
  /** The `compilation` media item, once the render is done (stream, download, thumbnail). */
  media: MediaDto | null;
  output: CompilationOutputDto | null;
  createdAt: string;
  finishedAt: string | null;
}

/** `GET /api/projects/:id/compilations`: newest first. */
export interface CompilationListDto {
  items: CompilationDto[];
}
