import {
  BadRequestException,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { MEDIA_RULES, MEDIA_TYPES, type MediaType } from '@clippyfront/shared';
import { TAG } from './media.dto.js';
import { MediaFilesRepository, tooLarge } from './media-files.repository.js';
import type { ReceivedUpload } from './media.service.js';
import { StorageQuotaExceededException, type StorageRoom } from './storage-quota.service.js';

/** Room for the multipart envelope around the file when checking Content-Length. */
const ENVELOPE_BYTES = 1024 * 1024;

/** `tags` as a comma list or a JSON array, held to the same rules as PATCH /api/media/:id. */
function parseTags(value: string): string[] {
  const text = value.trim();
  let tags: unknown = text ? text.split(',') : [];
  if (text.startsWith('[')) {
    try {
      tags = JSON.parse(text);
    } catch {
      throw new BadRequestException('tags must be a JSON array of strings or a comma list');
    }
  }
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
    throw new BadRequestException('tags must be a JSON array of strings or a comma list');
  }
  const cleaned = (tags as string[]).map((tag) => tag.trim()).filter(Boolean);
  if (cleaned.length > MEDIA_RULES.maxTags) {
    throw new BadRequestException(`tags must contain no more than ${MEDIA_RULES.maxTags} elements`);
  }
  if (!cleaned.every((tag) => TAG.test(tag))) {
    throw new BadRequestException('each tag must be 1-32 letters, digits, spaces, _ . -');
  }
  return cleaned;
}

/** The optional `type`, `tags` and `name` fields of any upload (multipart or tus), checked. */
export function parseUploadFields(fields: {
  type?: string;
  tags?: string;
  name?: string;
}): ReceivedUpload['fields'] {
  const type = fields.type?.trim() || undefined;
  if (type !== undefined && !MEDIA_TYPES.includes(type as MediaType)) {
    throw new BadRequestException(`type must be one of: ${MEDIA_TYPES.join(', ')}`);
  }
  return {
    type: type as MediaType | undefined,
    tags: fields.tags === undefined ? undefined : parseTags(fields.tags),
    name: fields.name?.trim() || undefined,
  };
}

/**
 * Reads a multipart/form-data upload: one `file` part streamed to a temporary file, plus the
 * optional `type`, `tags` and `name` fields (in any order).
 */
@Injectable()
export class MultipartUploadReader {
  constructor(private readonly files: MediaFilesRepository) {}

  /**
   * `limit`: MAX_CONTENT_LENGTH (413 past it); `room`: the uploader's storage room (403 with
   * the numbers past it). Both are checked against Content-Length before any byte is read,
   * and against the bytes as they come.
   */
  async read(request: Request, limit: number, room: StorageRoom): Promise<ReceivedUpload> {
    if (!request.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) {
      throw new UnsupportedMediaTypeException('Send multipart/form-data with a "file" field');
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit + ENVELOPE_BYTES) throw new PayloadTooLargeException(tooLarge(limit));
    const remaining = room.remainingBytes ?? Infinity;
    if (declared > remaining + ENVELOPE_BYTES) {
      throw new StorageQuotaExceededException(room, declared);
    }
    const byQuota = remaining < limit;
    const cap = byQuota ? remaining : limit;
    const overCap = byQuota ? () => new StorageQuotaExceededException(room, null) : tooLarge(limit);

    const fields: Record<string, string> = {};
    let received: Promise<{ tmpPath: string; size: number }> | undefined;
    let fileName = '';
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 10, fieldSize: 8192 },
      });
    } catch (error) {
      throw new BadRequestException(`Malformed multipart body: ${(error as Error).message}`);
    }
    // Settles when the whole body is parsed, or as soon as the file fails (e.g. too large).
    const parsed = new Promise<void>((resolve, reject) => {
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || received) {
          stream.resume();
          return;
        }
        fileName = info.filename || 'upload';
        received = this.files.receive(stream, cap, overCap);
        received.catch(reject);
      });
      parser.on('field', (name, value) => (fields[name] = value));
      parser.on('close', resolve);
      parser.on('error', (error: Error) =>
        reject(new BadRequestException(`Malformed multipart body: ${error.message}`)),
      );
      request.on('aborted', () => reject(new BadRequestException('Upload aborted')));
    });
    request.pipe(parser);
    let file: { tmpPath: string; size: number } | undefined;
    try {
      await parsed;
      if (!received) throw new BadRequestException('No "file" part in the upload');
      file = await received;
    } catch (error) {
      // Read (and drop) the rest of the body so the error response reaches the client.
      request.unpipe(parser);
      request.resume();
      const partial = await received?.catch(() => undefined);
      if (partial) await this.files.discard(partial.tmpPath);
      throw error;
    }
    try {
      return { ...file, fileName, fields: parseUploadFields(fields) };
    } catch (error) {
      await this.files.discard(file.tmpPath);
      throw error;
    }
  }
}
