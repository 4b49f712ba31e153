/** Projects (a compilation being made) and their clips: shapes shared by API, SPA, worker, tests. */

export const OUTPUT_RESOLUTIONS = ['720p', '1080p', '1440p', '2160p'] as const;
export type OutputResolution = (typeof OUTPUT_RESOLUTIONS)[number];
export const OUTPUT_FORMATS = ['mp4', 'webm', 'mkv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const OUTPUT_FPS = [24, 25, 30, 50, 60] as const;

export const PROJECT_RULES = {
  nameMaxLength: 120,
  descriptionMaxLength: 2000,
  /** Clips longer than this are cut when compiled (the original's default: 30 s). */
  maxClipSecondsDefault: 30,
  maxClipSecondsLimit: 600,
  /** URLs accepted in one `POST /api/projects/:id/clips`. */
  maxUrlsPerRequest: 100,
  maxUrlLength: 2048,
} as const;

export interface ProjectOutputSettings {
  resolution: OutputResolution;
  format: OutputFormat;
  fps: (typeof OUTPUT_FPS)[number];
  maxClipSeconds: number;
}

export const DEFAULT_OUTPUT_SETTINGS: ProjectOutputSettings = {
  resolution: '1080p',
  format: 'mp4',
  fps: 30,
  maxClipSeconds: PROJECT_RULES.maxClipSecondsDefault,
};

export interface ProjectDto {
  id: string;
  name: string;
  description: string;
  output: ProjectOutputSettings;
  clipCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectListDto {
  items: ProjectDto[];
  total: number;
}

/** A blank or missing name becomes "Compilation of YYYY-MM-DD". */
export interface CreateProjectRequest {
  name?: string;
  description?: string;
  output?: Partial<ProjectOutputSettings>;
}
export type UpdateProjectRequest = CreateProjectRequest;

/** Where a clip URL comes from; `external` needs ALLOW_EXTERNAL_URLS=true. */
export const CLIP_SOURCES = ['twitch', 'discord', 'external'] as const;
export type ClipSource = (typeof CLIP_SOURCES)[number];

/**
 * `queued` → `downloading` → `ready`; or `failed` (retryable). A clip whose normalized URL the
 * same user already downloaded is `ready` at once, reusing that media (`reused: true`).
 */
export const CLIP_STATES = ['queued', 'downloading', 'ready', 'failed'] as const;
export type ClipState = (typeof CLIP_STATES)[number];

export interface ClipMetadataDto {
  title: string | null;
  creatorName: string | null;
  creatorId: string | null;
  broadcasterName: string | null;
  gameName: string | null;
  durationSeconds: number | null;
  viewCount: number | null;
  /** When the clip was made on its platform. */
  clipCreatedAt: string | null;
}

export interface ClipDto extends ClipMetadataDto {
  id: string;
  projectId: string;
  sourceUrl: string;
  /** The URL after normalization (canonical Twitch slug, no tracking parameters): dedup key. */
  normalizedUrl: string;
  source: ClipSource;
  state: ClipState;
  /** 0-100 while downloading. */
  progress: number;
  error: string | null;
  reused: boolean;
  mediaId: string | null;
  jobId: string | null;
  hasThumbnail: boolean;
  hasAvatar: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ClipListDto {
  items: ClipDto[];
}

export interface AddClipsRequest {
  urls: string[];
}

export const CLIP_REJECTIONS = [
  'invalid-url',
  'unsupported-source',
  'duplicate-in-request',
  'already-in-project',
] as const;
export type ClipRejection = (typeof CLIP_REJECTIONS)[number];

/**
 * 201 when at least one URL was accepted; when none was (or none was given), 400 with
 * `{statusCode, message, rejected}`: `message` lists the reasons, `rejected` as here.
 */
export interface AddClipsResponse {
  accepted: ClipDto[];
  rejected: { url: string; reason: ClipRejection; message: string }[];
}

/** The `download` job: the worker fetches the URL and sends the file back to the API. */
export interface DownloadPayload {
  clipId: string;
  url: string;
  source: ClipSource;
  /** The most the worker may download, in bytes (MAX_CONTENT_LENGTH). */
  maxBytes: number;
}

export interface DownloadResult {
  mediaId: string;
  sizeBytes: number;
  durationSeconds: number | null;
}
