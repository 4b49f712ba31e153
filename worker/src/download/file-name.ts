import { extname } from 'node:path';

/** ffprobe's format name → the extensions that fit it, the usual one first. */
const EXTENSIONS: [RegExp, string[]][] = [
  [/\bmp4\b|\bmov\b/, ['mp4', 'mov', 'm4v']],
  [/\bwebm\b|\bmatroska\b/, ['mkv', 'webm']],
  [/\bmpegts\b/, ['ts']],
  [/\bflv\b/, ['flv']],
  [/\bavi\b/, ['avi']],
];

function sanitizeStem(stem: string): string {
  const clean = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 100);
  return clean || 'clip';
}

/** `filename` or `filename*` of a Content-Disposition header. */
export function dispositionFileName(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*[\w-]+'[^']*'([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  return (
    /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header)?.slice(1).find(Boolean) ?? null
  );
}

/** The last path segment of a URL, decoded; null when the path ends with a slash. */
export function urlFileName(raw: string): string | null {
  const segment = new URL(raw).pathname.split('/').pop();
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A safe file name for the library: the given name's stem, sanitized, with an extension that
 * matches what ffprobe found (the original one when it fits).
 */
export function clipFileName(name: string | null, formatName: string): string {
  const original = name ? extname(name).slice(1).toLowerCase() : '';
  const stem = sanitizeStem(name ? name.slice(0, name.length - extname(name).length) : '');
  const fitting = EXTENSIONS.find(([pattern]) => pattern.test(formatName))?.[1];
  let extension: string;
  if (fitting) extension = fitting.includes(original) ? original : fitting[0]!;
  else extension = /^[a-z0-9]{1,5}$/.test(original) ? original : 'mp4';
  return `${stem}.${extension}`;
}
