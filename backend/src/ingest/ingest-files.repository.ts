import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream, type Stats } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { IngestAction } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** The sidecar's sentinels: set on the worker side, and on the ingest host when they travel. */
const COMPLETE_MARKERS = ['.PUSHED', '.DONE', '.READY'];
/** rsync's partial dir (a push under way) and the sidecar's lock. */
const BUSY_MARKERS = ['.rsync-partial', '.PUSHING'];
const STAGE_PREFIX = 'ingest-';
const STAGE_SUFFIX = '.part';

export interface ArtifactEntry {
  name: string;
  path: string;
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/** A file system refusing a hard link across devices: said plainly, with the way out. */
export class CrossDeviceLinkError extends Error {
  constructor(source: string, cause: Error) {
    super(
      `INGEST_IMPORT_ACTION=link needs ${source} and the instance folder on one file system ` +
        `(EXDEV: a hard link cannot cross file systems); use copy or move`,
      { cause },
    );
  }
}

/** Every file-system touch of the ingest importer: listing, readiness, hashing, staging. */
@Injectable()
export class IngestFilesRepository {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Directories directly under `dir`, hidden ones and symlinks aside, sorted by name. */
  async subdirectories(dir: string): Promise<ArtifactEntry[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => ({ name: entry.name, path: join(dir, entry.name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Regular files directly in `dir`, hidden ones aside. */
  async files(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  }

  async isDirectory(path: string): Promise<boolean> {
    return (await lstat(path).catch(() => null))?.isDirectory() ?? false;
  }

  /**
   * Ready when a sentinel says it is complete; never while a push is under way; else when
   * nothing in it changed for `stableSeconds`. ctime counts, not only mtime: rsync -a gives
   * arriving files the worker's old mtimes.
   */
  async readiness(dir: string, stableSeconds: number, now: number): Promise<Readiness> {
    const names = await readdir(dir);
    const busy = names.find((name) => BUSY_MARKERS.some((marker) => name.startsWith(marker)));
    if (busy) return { ready: false, reason: `a push is under way (${busy})` };
    if (names.some((name) => COMPLETE_MARKERS.includes(name))) return { ready: true };
    let newest = lastChange(await stat(dir));
    for (const name of names) {
      const info = await lstat(join(dir, name)).catch(() => null);
      if (info) newest = Math.max(newest, lastChange(info));
    }
    const quietSeconds = Math.floor((now - newest) / 1000);
    if (quietSeconds >= stableSeconds) return { ready: true };
    return {
      ready: false,
      reason:
        `changed ${Math.max(quietSeconds, 0)} s ago; imported once unchanged for ` +
        `${stableSeconds} s (INGEST_IMPORT_STABLE_SECONDS)`,
    };
  }

  /** manifest.json's content; null when there is none. Throws when it is not JSON. */
  async readJson(path: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as unknown;
  }

  stat(path: string): Promise<Stats> {
    return stat(path);
  }

  /** Streamed: memory stays flat whatever the size. */
  async sha256(path: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return hash.digest('hex');
  }

  /**
   * Puts a copy (or, for `link`, a hard link) of `source` at a fresh temporary name in the
   * upload folder, from where the library takes it by a rename: an import cut short leaves
   * no half file in the library. `move` copies too; the source goes once the row is saved.
   */
  async stage(source: string, action: IngestAction): Promise<string> {
    const folder = this.stagingFolder();
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${STAGE_PREFIX}${randomUUID()}${STAGE_SUFFIX}`);
    try {
      if (action === 'link') await hardLink(source, target);
      else await copyFile(source, target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
    return target;
  }

  /** Staged files a crashed import left behind; only called while the scan lock is held. */
  async removeStaleStaging(): Promise<void> {
    const folder = this.stagingFolder();
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (name.startsWith(STAGE_PREFIX) && name.endsWith(STAGE_SUFFIX)) {
        await rm(join(folder, name), { force: true });
      }
    }
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  private stagingFolder(): string {
    return join(this.config.paths.instance, 'tmp', 'uploads');
  }
}

function lastChange(info: Stats): number {
  return Math.max(info.mtimeMs, info.ctimeMs);
}

/** A hard link; across file systems a CrossDeviceLinkError naming the source. */
export async function hardLink(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EXDEV') {
      throw new CrossDeviceLinkError(source, error as Error);
    }
    throw error;
  }
}
