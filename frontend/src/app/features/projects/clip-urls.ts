import { PROJECT_RULES } from '@clippyfront/shared';
import type { RejectedClipUrl } from '../../core/clips.service';

export interface ParsedClipUrls {
  /** What is sent to the API, in the pasted order, each once. */
  urls: string[];
  /** How many entries were left out because they were already in the list. */
  duplicates: number;
  /** Refused before sending (too long for the API). */
  tooLong: RejectedClipUrl[];
}

/**
 * Splits pasted text into URLs: one per line, or separated by spaces or commas. Angle brackets
 * (Discord's "no embed" form `<https://…>`) and trailing sentence punctuation are dropped; exact
 * repeats are kept once. Whether a URL is acceptable is the API's decision.
 */
export function parseClipUrls(text: string): ParsedClipUrls {
  const seen = new Set<string>();
  const urls: string[] = [];
  const tooLong: RejectedClipUrl[] = [];
  let duplicates = 0;
  for (const raw of text.split(/[\s,]+/)) {
    const url = raw
      .replace(/^<+/, '')
      .replace(/>+$/, '')
      .replace(/[;.]+$/, '');
    if (url === '') continue;
    if (seen.has(url)) {
      duplicates++;
      continue;
    }
    seen.add(url);
    if (url.length > PROJECT_RULES.maxUrlLength) {
      tooLong.push({
        url,
        reason: 'invalid-url',
        message: `Longer than ${PROJECT_RULES.maxUrlLength} characters`,
      });
    } else {
      urls.push(url);
    }
  }
  return { urls, duplicates, tooLong };
}
