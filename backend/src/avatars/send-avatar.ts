import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';

const binary = { schema: { type: 'string', format: 'binary' } };
/** The OpenAPI description of an avatar answer. */
export const AVATAR_IMAGE = {
  description: 'The avatar (PNG, JPEG or WebP)',
  content: { 'image/png': binary, 'image/jpeg': binary, 'image/webp': binary },
};

/** Content-Type from the extension; ETag and conditional GET from Express's sendFile. */
export function sendAvatar(response: Response, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    response.sendFile(
      path,
      { headers: { 'Cache-Control': 'private, max-age=300' }, dotfiles: 'allow', etag: true },
      (error) => {
        if (!error || response.headersSent) return resolve();
        const gone = (error as { status?: number }).status === 404;
        reject(gone ? new NotFoundException('The avatar file is missing on disk') : error);
      },
    );
  });
}
