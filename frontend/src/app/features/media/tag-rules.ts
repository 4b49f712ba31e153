import { MEDIA_RULES } from '@clippyfront/shared';

const TAG = new RegExp(MEDIA_RULES.tagPattern, 'u');

/** The API stores tags trimmed and lower-cased; so does the SPA, to show what will be saved. */
export function normalizeTag(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

export const TAG_HINT = `Up to ${MEDIA_RULES.maxTags} tags of 1–${MEDIA_RULES.tagMaxLength} letters, digits, spaces, _ . -`;

export interface TagChange {
  tags: string[];
  /** Why nothing was added; null when the input was taken. */
  error: string | null;
}

/** Adds the comma-separated tags typed in `input` to `tags`, or says why it cannot. */
export function addTags(tags: readonly string[], input: string): TagChange {
  const typed = input.split(',').map(normalizeTag).filter(Boolean);
  const invalid = typed.find((tag) => !isValidTag(tag));
  if (invalid !== undefined) {
    return {
      tags: [...tags],
      error: `“${invalid}” is not a valid tag: 1–${MEDIA_RULES.tagMaxLength} letters, digits, spaces, _ . -`,
    };
  }
  const merged = [...new Set([...tags, ...typed])];
  if (merged.length > MEDIA_RULES.maxTags) {
    return { tags: [...tags], error: `At most ${MEDIA_RULES.maxTags} tags.` };
  }
  return { tags: merged, error: null };
}
