import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CANONICAL_ROOT } from '../media/media-files.repository.js';

export const AVATAR_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'] as const;
/** `<creator>_<unix ms>.<ext>`: the files this app downloads (and prunes). */
const CACHED = /^(.+)_(\d{10,16})\.(png|jpe?g|webp)$/;
/** A manually placed `<creator>.<ext>`; never pruned. */
const MANUAL = /^(.+)\.(png|jpe?g|webp)$/;

export interface CachedAvatar {
  creator: string;
  file: string;
  /** From the name: when it was downloaded, in ms. */
  takenAt: number;
}

/**
 * A creator name as a file name: lowercase letters (any script), digits, _ and -; at most 64
 * characters; never empty, never a path.
 */
export function sanitizeCreatorName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, 64);
  return cleaned || 'unknown';
}

export function parseCachedAvatar(file: string): CachedAvatar | null {
  const match = CACHED.exec(file);
  return match ? { creator: match[1]!, file, takenAt: Number(match[2]) } : null;
}

/** The avatar folder (AVATARS_PATH, default <instance>/assets/avatars) and nothing else. */
@Injectable()
export class AvatarsRepository {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get folder(): string {
    return this.config.avatars.path;
  }

  /**
   * Stored paths are `/instance/assets/avatars/<file>` (or absolute when AVATARS_PATH lies
   * outside the instance). Only the file name is kept when reading one back, so a stored path
   * always lands in today's avatar folder, whatever host or mount wrote it.
   */
  canonicalPath(file: string): string {
    const runtime = join(this.folder, file);
    const inside = relative(this.config.paths.instance, runtime);
    if (inside.startsWith('..') || inside.startsWith(sep)) return runtime;
    return `${CANONICAL_ROOT}/${inside.split(sep).join('/')}`;
  }

  /** The file a stored path names, if it still exists here; null otherwise. */
  async runtimePath(stored: string): Promise<string | null> {
    const file = basename(stored.replace(/\\/g, '/'));
    if (!MANUAL.test(file) || file.startsWith('.')) return null;
    const path = join(this.folder, file);
    return (await isFile(path)) ? path : null;
  }

  /** Every downloaded avatar, newest first within each creator. */
  async cached(): Promise<Map<string, CachedAvatar[]>> {
    const byCreator = new Map<string, CachedAvatar[]>();
    const entries = await readdir(this.folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const avatar = entry.isFile() ? parseCachedAvatar(entry.name) : null;
      if (!avatar) continue;
      const list = byCreator.get(avatar.creator) ?? [];
      list.push(avatar);
      byCreator.set(avatar.creator, list);
    }
    for (const list of byCreator.values()) list.sort((a, b) => b.takenAt - a.takenAt);
    return byCreator;
  }

  /** One creator's downloaded avatars, newest first. */
  async cachedFor(creator: string): Promise<CachedAvatar[]> {
    return (await this.cached()).get(creator) ?? [];
  }

  /** A manually placed `<creator>.png|jpg|jpeg|webp`, if any. */
  async manual(creator: string): Promise<string | null> {
    for (const extension of AVATAR_EXTENSIONS) {
      const path = join(this.folder, `${creator}.${extension}`);
      if (await isFile(path)) return path;
    }
    return null;
  }

  /** Writes `<creator>_<now ms>.<ext>` (through a temporary file); returns its file name. */
  async write(creator: string, bytes: Uint8Array, extension: string): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    let takenAt = Date.now();
    for (;;) {
      const file = `${creator}_${takenAt}.${extension}`;
      const target = join(this.folder, file);
      if (await isFile(target)) {
        takenAt++;
        continue;
      }
      const partial = join(this.folder, `.${file}.${randomUUID()}.part`);
      try {
        await writeFile(partial, bytes, { flag: 'wx' });
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
      return file;
    }
  }

  async remove(file: string): Promise<void> {
    await rm(join(this.folder, basename(file)), { force: true });
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
