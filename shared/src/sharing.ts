/**
 * Share pages (`/p/<publicId>`): a project's opaque public id, the owner's switch, and what
 * anyone with the link sees. Sharing off or an unknown id answers 404, never 403.
 */
import type { CompileChapter } from './compile.js';

/** 16 random bytes (128 bits), base64url without padding: 22 URL-safe characters. */
export const PUBLIC_ID_BYTES = 16;
export const PUBLIC_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The SPA path of a project's share page. */
export const sharePagePath = (publicId: string) => `/p/${publicId}`;

/** `GET|PUT /api/projects/:id/sharing`, `POST …/sharing/regenerate` (owner only). */
export interface ProjectSharingDto {
  enabled: boolean;
  publicId: string;
  /** `/p/<publicId>`: prefix the site's origin for the link to hand out. */
  path: string;
}

export interface UpdateSharingRequest {
  enabled: boolean;
}

/** The shared video: the project's latest finished compilation. */
export interface PublicVideoDto {
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  mimeType: string;
  sizeBytes: number;
  /** Range and conditional GET, like media files. */
  streamUrl: string;
  /** The same file as an attachment named after the project. */
  downloadUrl: string;
  thumbnailUrl: string | null;
}

/**
 * `GET /api/public/projects/:publicId` (no login): the title, the video and its chapters —
 * nothing else about the project or its owner.
 */
export interface PublicProjectDto {
  publicId: string;
  title: string;
  /** null until the project has a finished compilation. */
  video: PublicVideoDto | null;
  chapters: CompileChapter[];
  /** YouTube-ready: one "00:00 Title — creator" line per chapter. */
  chaptersText: string;
}
