import { MEDIA_TYPES, type MediaType } from '@clippyfront/shared';

/** Every type but `image`: a video file can be any of them, and only of them. */
export const VIDEO_MEDIA_TYPES: readonly MediaType[] = MEDIA_TYPES.filter((t) => t !== 'image');

export type MediaKind = 'video' | 'image';

export function kindOfType(type: MediaType): MediaKind {
  return type === 'image' ? 'image' : 'video';
}

/** From a browser's MIME type; null when it does not say (empty or another kind). */
export function kindOfMime(mime: string | null | undefined): MediaKind | null {
  if (mime?.startsWith('video/')) return 'video';
  if (mime?.startsWith('image/')) return 'image';
  return null;
}

/** The types a media of this type may change to (the API refuses the others). */
export function typesCompatibleWith(type: MediaType): readonly MediaType[] {
  return kindOfType(type) === 'image' ? ['image'] : VIDEO_MEDIA_TYPES;
}

/**
 * The type to ask for when uploading `file` with `chosen` selected: the choice when it fits
 * the file's kind (or the browser does not know the kind), otherwise none, so that a mixed drop
 * of clips and images keeps each file's own kind instead of being refused.
 */
export function uploadTypeFor(
  file: Pick<File, 'type'>,
  chosen: MediaType | null,
): MediaType | null {
  if (!chosen) return null;
  const kind = kindOfMime(file.type);
  return kind === null || kind === kindOfType(chosen) ? chosen : null;
}
