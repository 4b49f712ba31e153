import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { SegmentFiles, SegmentMeasure } from './normalize.js';

/** Bump when normalized segments change for the same input and profile: old entries go unused. */
export const PIPELINE_VERSION = 2;

/** A half-written entry older than this belongs to a process that died. */
const STALE_TEMP_MS = 6 * 3600 * 1000;

export interface CachedSegment extends SegmentFiles, SegmentMeasure {
  /** False when this call made it. */
  cached: boolean;
}

const fileHashes = new Map<string, Promise<string>>();

/** sha256 of a file's bytes, remembered while its size and mtime stay the same. */
export async function contentHash(path: string): Promise<string> {
  const { size, mtimeMs } = await stat(path);
  const memo = `${path}\0${size}\0${mtimeMs}`;
  let hash = fileHashes.get(memo);
  if (!hash) {
    const digest = createHash('sha256');
    hash = pipeline(createReadStream(path), digest).then(() => digest.digest('hex'));
    hash.catch(() => fileHashes.delete(memo));
    fileHashes.set(memo, hash);
  }
  return hash;
}

/**
 * Normalized intros, outros, transitions and bumpers, keyed by a hash of what made them (input
 * bytes, output profile, encoder settings, pipeline version). Entries are written to a temporary
 * name and renamed into place, so jobs sharing the folder (even on other processes) only ever
 * see whole files; two jobs making the same entry at once both succeed.
 */
export class SegmentCache {
  constructor(readonly dir: string) {}

  static key(identity: unknown): string {
    const text = JSON.stringify({ pipeline: PIPELINE_VERSION, identity });
    return createHash('sha256').update(text).digest('hex');
  }

  private paths(base: string) {
    return { video: `${base}.mov`, audio: `${base}.pcm`, meta: `${base}.json` };
  }

  async lookup(key: string): Promise<CachedSegment | null> {
    const { video, audio, meta } = this.paths(join(this.dir, key));
    try {
      // The .json is renamed into place last: with it, the other two are whole.
      const measure = JSON.parse(await readFile(meta, 'utf8')) as Partial<SegmentMeasure>;
      const { durationSeconds, loudnessLufs } = measure;
      if (typeof durationSeconds !== 'number') return null;
      if (loudnessLufs !== null && typeof loudnessLufs !== 'number') return null;
      await Promise.all([stat(video), stat(audio)]);
      return { video, audio, durationSeconds, loudnessLufs, cached: true };
    } catch {
      return null;
    }
  }

  /** The entry for `key`, made by `make(temporaryFiles)` (answering its measure) if missing. */
  async produce(
    key: string,
    make: (temporary: SegmentFiles) => Promise<SegmentMeasure>,
  ): Promise<CachedSegment> {
    const hit = await this.lookup(key);
    if (hit) return hit;
    await mkdir(this.dir, { recursive: true });
    const final = this.paths(join(this.dir, key));
    const temp = this.paths(join(this.dir, `.tmp-${randomUUID()}`));
    try {
      const { durationSeconds, loudnessLufs } = await make(temp);
      await writeFile(temp.meta, JSON.stringify({ durationSeconds, loudnessLufs }));
      await rename(temp.video, final.video);
      await rename(temp.audio, final.audio);
      await rename(temp.meta, final.meta);
      const files = { video: final.video, audio: final.audio };
      return { ...files, durationSeconds, loudnessLufs, cached: false };
    } finally {
      await Promise.all(Object.values(temp).map((path) => rm(path, { force: true })));
    }
  }

  /** Removes temporary files that a crashed process left behind. */
  async pruneStaleTemp(now = Date.now()): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith('.tmp-'))) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    }
  }
}
