import { basename } from 'node:path';
import type { Response } from 'express';

/** Angular's content-hashed output names: `main-ISLGKB4M.js`, `chunk-eXK8kyM-.js`, `styles-2TCF3DGX.css`. */
const HASHED_FILE = /-[A-Za-z0-9_-]{8}\.(?:js|mjs|css|woff2?|ttf|otf|svg|png|jpe?g|gif|webp|avif)$/;

/** A hashed file never changes under its name: browsers keep it a year without asking. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** `index.html` (also the SPA fallback) and unhashed files: revalidated on every load. */
export const REVALIDATE_CACHE = 'no-cache';

export function isHashedFile(path: string): boolean {
  return HASHED_FILE.test(basename(path));
}

/** `setHeaders` of the SPA's static serving (files and the index.html fallback alike). */
export function setSpaCacheHeaders(res: Response, path: string): void {
  res.setHeader('Cache-Control', isHashedFile(path) ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
  // Share pages (`/p/<publicId>`) stay out of search engines, like their API.
  if (/^\/p(?:\/|$)/.test(res.req?.path ?? '')) res.setHeader('X-Robots-Tag', 'noindex');
}
