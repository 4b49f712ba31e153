/** The media library: the shapes the API, the SPA, the worker and the tests share. */
export const MEDIA_TYPES = [
  'intro',
  'clip',
  'outro',
  'transition',
  'compilation',
  'image',
] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Folder under instance/data/<user>/ for each type. */
export const MEDIA_TYPE_FOLDERS: Record<MediaType, string> = {
  intro: 'intros',
  clip: 'clips',
  outro: 'outros',
  transition: 'transitions',
  compilation: 'compilations',
  image: 'images',
};

export const MEDIA_SORTS = ['newest', 'oldest', 'name', 'size', 'duration'] as const;
export type MediaSort = (typeof MEDIA_SORTS)[number];

export const MEDIA_BULK_ACTIONS = ['delete', 'setType', 'setTags', 'addTags'] as const;
export type MediaBulkAction = (typeof MEDIA_BULK_ACTIONS)[number];

export const MEDIA_RULES = {
  nameMaxLength: 200,
  tagMaxLength: 32,
  maxTags: 20,
  tagPattern: '^[\\p{L}\\p{N}_ .-]{1,32}$',
} as const;

export interface MediaDto {
  id: string;
  name: string;
  type: MediaType;
  mimeType: string;
  sizeBytes: number;
  tags: string[];
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  hasAudio: boolean;
  hasThumbnail: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MediaListDto {
  items: MediaDto[];
  total: number;
}

export interface UpdateMediaRequest {
  name?: string;
  type?: MediaType;
  tags?: string[];
}

export interface MediaBulkRequest {
  ids: string[];
  action: MediaBulkAction;
  type?: MediaType;
  tags?: string[];
}

export interface MediaBulkResultDto {
  action: MediaBulkAction;
  affected: number;
}

/** `GET /api/media/usage`: what the caller's library occupies; quotas come later. */
export interface MediaUsageDto {
  usedBytes: number;
  count: number;
  /** null: no quota (the hook for per-user quotas). */
  quotaBytes: number | null;
}

/**
 * tus uploads (`API_PATHS.media.uploads`): Upload-Metadata keys the server reads.
 * `filename` is required; `type`, `name` and `tags` (JSON array) are optional, with the same
 * rules as the multipart upload.
 */
export const TUS_METADATA_KEYS = ['filename', 'filetype', 'type', 'name', 'tags'] as const;
/** On the response that completes a tus upload: the id of the media it became. */
export const TUS_MEDIA_ID_HEADER = 'clippy-media-id';
