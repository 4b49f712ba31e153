import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { SegmentFiles, SegmentMeasure } from './normalize.js';

/** Bump when normalized segments change for the same input and profile: old entries go unused. */
export const PIPELINE_VERSION = 2;

/** A half-written entry older than this belongs to a process that died. */
const STALE_TEMP_MS = 6 * 3600 * 1000;
/** An entry used more recently than this may still be read by a job (of any process). */
const IN_USE_MS = 6 * 3600 * 1000;

export interface Eviction {
  removed: number;
  freedBytes: number;
}

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
      // Its last use, for evict().
      const now = new Date();
      await utimes(meta, now, now).catch(() => {});
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

  /**
   * Keeps the folder under `maxBytes` by removing the entries unused the longest (entries of an
   * older pipeline version go that way too), never one used in the last six hours, which a
   * running job may still read; an entry missing a file for six hours is removed whatever
   * the size.
   */
  async evict(maxBytes: number, now = Date.now()): Promise<Eviction> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries = new Map<
      string,
      { bytes: number; files: string[]; usedMs: number; newestMs: number }
    >();
    for (const name of names.filter((n) => !n.startsWith('.tmp-'))) {
      const match = /^(.+)\.(mov|pcm|json)$/.exec(name);
      if (!match) continue;
      const info = await stat(join(this.dir, name)).catch(() => null);
      if (!info) continue;
      const entry = entries.get(match[1]!) ?? { bytes: 0, files: [], usedMs: 0, newestMs: 0 };
      entry.bytes += info.size;
      entry.files.push(name);
      if (match[2] === 'json') entry.usedMs = info.mtimeMs;
      entry.newestMs = Math.max(entry.newestMs, info.mtimeMs);
      entries.set(match[1]!, entry);
    }
    // Without its .json an entry is unfinished (being renamed into place) or left broken: its
    // newest file tells which.
    for (const entry of entries.values()) entry.usedMs ||= entry.newestMs;
    let total = [...entries.values()].reduce((sum, e) => sum + e.bytes, 0);
    const eviction: Eviction = { removed: 0, freedBytes: 0 };
    const oldestFirst = [...entries.values()].sort((a, b) => a.usedMs - b.usedMs);
    for (const entry of oldestFirst) {
      const broken = entry.files.length < 3 && now - entry.usedMs > STALE_TEMP_MS;
      if (!broken && (total <= maxBytes || now - entry.usedMs < IN_USE_MS)) continue;
      // The .json first: without it the entry is no longer found, whatever remains.
      const jsonFirst = (a: string, b: string) =>
        Number(b.endsWith('.json')) - Number(a.endsWith('.json'));
      for (const name of entry.files.sort(jsonFirst)) {
        await rm(join(this.dir, name), { force: true });
      }
      total -= entry.bytes;
      eviction.removed++;
      eviction.freedBytes += entry.bytes;
    }
    return eviction;
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
