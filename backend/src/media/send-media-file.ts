import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import type { MediaEntity } from './media.entity.js';

const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Range, ETag, Last-Modified and conditional GET come from Express's sendFile (send).
 * `headers` are added (Content-Disposition of a download, X-Robots-Tag of a share page).
 */
export function sendMedia(
  response: Response,
  path: string,
  media: Pick<MediaEntity, 'mimeType' | 'sizeBytes'>,
  headers: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    response.sendFile(
      path,
      {
        headers: {
          'Content-Type': media.mimeType,
          'Cache-Control': 'private, max-age=0',
          ...headers,
        },
        acceptRanges: true,
        etag: true,
        lastModified: true,
        dotfiles: 'allow',
        // send passes unknown options on to fs.createReadStream: bigger reads, fewer writes.
        ...{ highWaterMark: READ_CHUNK_BYTES },
      },
      (error) => {
        if (!error) return resolve();
        const status = (error as { status?: number }).status;
        if (response.headersSent) return resolve();
        if (status === 416) {
          response
            .status(416)
            .type('application/json')
            .header('Content-Range', `bytes */${media.sizeBytes}`)
            .json({ statusCode: 416, message: 'Range not satisfiable' });
          return resolve();
        }
        reject(status === 404 ? new NotFoundException('The file is missing on disk') : error);
      },
    );
  });
}
