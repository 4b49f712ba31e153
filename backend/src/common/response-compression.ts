import { constants } from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';
import { API_PATHS } from '@clippyfront/shared';

/** Already compressed, and streamed with byte ranges: compressing would break `Range`. */
const MEDIA_TYPE = /^(?:video|audio|image)\//i;

/**
 * Which responses are compressed: text (the SPA's bundles, API JSON) when the client accepts
 * it; never a Range request (its bytes are offsets into the original), media, or tus uploads.
 */
export function shouldCompress(req: Request, res: Response): boolean {
  if (req.headers.range) return false;
  if (req.path.startsWith(API_PATHS.media.uploads)) return false;
  if (MEDIA_TYPE.test(String(res.getHeader('Content-Type') ?? ''))) return false;
  return compression.filter(req, res);
}

/** Brotli for browsers that accept it, gzip otherwise (chosen by `Accept-Encoding`). */
export function responseCompression(): RequestHandler {
  return compression({
    filter: shouldCompress,
    threshold: 1024,
    // Per request, so a quick level: nearly all of brotli's gain on JavaScript at little CPU.
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
}
