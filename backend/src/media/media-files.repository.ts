import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { fileTypeFromFile } from 'file-type';
import { MEDIA_TYPE_FOLDERS, type MediaType } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** How paths are stored in the database, whatever folder the instance lives in. */
export const CANONICAL_ROOT = '/instance';
/** Beside the type folders under data/<user>/; never scanned as media. */
export const THUMBNAIL_FOLDER = 'thumbnails';

export interface LibraryFile {
  ownerDir: string;
  folder: string;
  name: string;
  runtime: string;
  size: number;
}

/** Keeps letters and digits of any script, and . _ - and spaces; never a path. */
export function sanitizeFileName(original: string, maxLength = 120): string {
  const base = basename(original.normalize('NFC').replace(/\\/g, '/'));
  const cleaned = base
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .replace(/_+/g, '_');
  const extension = extname(cleaned).slice(0, 10);
  const stem = cleaned.slice(0, cleaned.length - extension.length).slice(0, maxLength);
  return stem ? `${stem}${extension}` : `file${extension}`;
}

/** Every filesystem touch of media files: the service never builds paths itself. */
@Injectable()
export class MediaFilesRepository {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** /instance/data/u/clips/a.mp4 → <instance dir>/data/u/clips/a.mp4, never outside it. */
  runtimePath(stored: string): string {
    const canonical = this.unalias(stored);
    const inside = canonical.startsWith(`${CANONICAL_ROOT}/`)
      ? canonical.slice(CANONICAL_ROOT.length + 1)
      : canonical;
    const path = resolve(this.config.paths.instance, inside);
    if (!path.startsWith(this.config.paths.instance + sep)) {
      throw new Error(`Media path escapes the instance folder: ${canonical}`);
    }
    return path;
  }

  /** Legacy absolute paths (MEDIA_PATH_ALIAS_FROM) read as their new prefix. */
  private unalias(stored: string): string {
    const alias = this.config.mediaPathAlias;
    if (!alias) return stored;
    const from = alias.from.replace(/\/+$/, '');
    if (stored !== from && !stored.startsWith(`${from}/`)) return stored;
    return `${alias.to.replace(/\/+$/, '')}${stored.slice(from.length)}`;
  }

  canonicalPath(runtime: string): string {
    return `${CANONICAL_ROOT}/${relative(this.config.paths.instance, runtime).split(sep).join('/')}`;
  }

  /**
   * Streams an upload to a temporary file, counting bytes; past `limit` the partial file is
   * removed and 413 raised. Memory stays flat whatever the size.
   */
  async receive(
    stream: Readable,
    limit: number,
    tooLargeError: string | (() => Error) = tooLarge(limit),
  ): Promise<{ tmpPath: string; size: number }> {
    const refusal =
      typeof tooLargeError === 'string'
        ? () => new PayloadTooLargeException(tooLargeError)
        : tooLargeError;
    const folder = join(this.config.paths.instance, 'tmp', 'uploads');
    await mkdir(folder, { recursive: true });
    const tmpPath = join(folder, randomUUID());
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stream.destroy(refusal());
    });
    try {
      await pipeline(stream, createWriteStream(tmpPath, { flags: 'wx' }));
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
    return { tmpPath, size };
  }

  detect(path: string) {
    return fileTypeFromFile(path);
  }

  /** Moves a received file into data/<user>/<type folder>/ under a free, sanitized name. */
  async store(tmpPath: string, ownerId: string, type: MediaType, name: string): Promise<string> {
    const folder = join(this.config.paths.data, ownerId, MEDIA_TYPE_FOLDERS[type]);
    await mkdir(folder, { recursive: true });
    const safe = sanitizeFileName(name);
    const extension = extname(safe);
    const stem = safe.slice(0, safe.length - extension.length);
    for (let n = 0; ; n++) {
      const candidate = join(folder, n ? `${stem}-${n}${extension}` : safe);
      if (await exists(candidate)) continue;
      await rename(tmpPath, candidate);
      return this.canonicalPath(candidate);
    }
  }

  async move(canonical: string, ownerId: string, type: MediaType): Promise<string> {
    const current = this.runtimePath(canonical);
    return this.store(current, ownerId, type, basename(current));
  }

  /** Undoes `move` when the database could not follow it. */
  async moveBack(movedTo: string, original: string): Promise<void> {
    await rename(this.runtimePath(movedTo), this.runtimePath(original));
  }

  /** Copies a finished thumbnail into data/<user>/thumbnails/<media id>.jpg, replacing any. */
  async storeThumbnail(source: string, ownerId: string, mediaId: string): Promise<string> {
    const folder = join(this.config.paths.data, ownerId, THUMBNAIL_FOLDER);
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${mediaId}.jpg`);
    const partial = `${target}.${randomUUID()}.part`;
    try {
      await copyFile(source, partial);
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
    return this.canonicalPath(target);
  }

  async remove(canonical: string | null): Promise<void> {
    if (canonical) await rm(this.runtimePath(canonical), { force: true });
  }

  /** Every regular file in data/<user>/<folder>/, thumbnails and hidden files aside. */
  async *libraryFiles(): AsyncGenerator<LibraryFile> {
    for (const owner of await subfolders(this.config.paths.data)) {
      for (const folder of await subfolders(join(this.config.paths.data, owner))) {
        if (folder === THUMBNAIL_FOLDER) continue;
        const dir = join(this.config.paths.data, owner, folder);
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          if (!entry.isFile() || entry.name.startsWith('.') || entry.name.endsWith('.part'))
            continue;
          const runtime = join(dir, entry.name);
          const { size } = await stat(runtime);
          yield { ownerDir: owner, folder, name: entry.name, runtime, size };
        }
      }
    }
  }

  async exists(canonical: string): Promise<boolean> {
    return exists(this.runtimePath(canonical));
  }

  async discard(tmpPath: string): Promise<void> {
    await rm(tmpPath, { force: true });
  }
}

export const tooLarge = (limit: number) =>
  `The file is larger than the upload limit (MAX_CONTENT_LENGTH = ${limit} bytes)`;

async function subfolders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
