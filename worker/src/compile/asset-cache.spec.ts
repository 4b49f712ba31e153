import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, SegmentCache } from './asset-cache.js';
import type { SegmentFiles } from './normalize.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-cache-spec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SegmentCache', () => {
  it('keys by what made the segment', () => {
    const key = SegmentCache.key({ content: 'abc', profile: { width: 1280 } });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(SegmentCache.key({ content: 'abc', profile: { width: 1280 } })).toBe(key);
    expect(SegmentCache.key({ content: 'abc', profile: { width: 1920 } })).not.toBe(key);
  });

  it('makes an entry once, then answers it from the folder', async () => {
    const cache = new SegmentCache(join(dir, 'cache'));
    let made = 0;
    const make = async (files: SegmentFiles) => {
      made++;
      await writeFile(files.video, 'video');
      await writeFile(files.audio, 'audio');
      return { durationSeconds: 2.5, loudnessLufs: -18.5 };
    };
    const first = await cache.produce('k1', make);
    expect(first).toEqual({
      video: join(dir, 'cache', 'k1.mov'),
      audio: join(dir, 'cache', 'k1.pcm'),
      durationSeconds: 2.5,
      loudnessLufs: -18.5,
      cached: false,
    });
    expect(await new SegmentCache(join(dir, 'cache')).produce('k1', make)).toEqual({
      ...first,
      cached: true,
    });
    expect(made).toBe(1);
    expect(readdirSync(join(dir, 'cache')).sort()).toEqual(['k1.json', 'k1.mov', 'k1.pcm']);
  });

  it('treats an entry without a loudness (an older pipeline wrote it) as missing', async () => {
    const cache = new SegmentCache(dir);
    writeFileSync(join(dir, 'k.mov'), 'video');
    writeFileSync(join(dir, 'k.pcm'), 'audio');
    writeFileSync(join(dir, 'k.json'), JSON.stringify({ durationSeconds: 1 }));
    expect(await cache.lookup('k')).toBeNull();
    writeFileSync(join(dir, 'k.json'), JSON.stringify({ durationSeconds: 1, loudnessLufs: null }));
    expect(await cache.lookup('k')).toMatchObject({ durationSeconds: 1, loudnessLufs: null });
  });

  it('lets concurrent makers of one entry both succeed, leaving one whole file', async () => {
    const cache = new SegmentCache(dir);
    const make = (content: string) => async (files: SegmentFiles) => {
      await writeFile(files.video, content.slice(0, 3));
      await pause(20);
      await writeFile(files.video, content);
      await writeFile(files.audio, content);
      return { durationSeconds: 1, loudnessLufs: null };
    };
    const results = await Promise.all([
      cache.produce('k', make('first!')),
      cache.produce('k', make('second')),
    ]);
    expect(results.map((r) => r.video)).toEqual([join(dir, 'k.mov'), join(dir, 'k.mov')]);
    expect(readdirSync(dir).sort()).toEqual(['k.json', 'k.mov', 'k.pcm']);
  });

  it('removes the temporary file when making fails or is cancelled', async () => {
    const cache = new SegmentCache(dir);
    await expect(
      cache.produce('k', async (files) => {
        await writeFile(files.video, 'half');
        await writeFile(files.audio, 'half');
        throw new Error('Cancelled');
      }),
    ).rejects.toThrow('Cancelled');
    expect(readdirSync(dir)).toEqual([]);
    expect(await cache.lookup('k')).toBeNull();
  });

  it('prunes temporary files left by a crashed process, not those being written', async () => {
    mkdirSync(join(dir, 'c'));
    const old = join(dir, 'c', '.tmp-old.mov');
    const fresh = join(dir, 'c', '.tmp-fresh.mov');
    writeFileSync(old, 'x');
    writeFileSync(fresh, 'x');
    const longAgo = new Date(Date.now() - 7 * 3600 * 1000);
    utimesSync(old, longAgo, longAgo);
    await new SegmentCache(join(dir, 'c')).pruneStaleTemp();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    await new SegmentCache(join(dir, 'missing')).pruneStaleTemp();
  });
});

describe('SegmentCache.evict', () => {
  const HOUR = 3600 * 1000;
  const now = Date.now();

  /** An entry of 100 bytes (60 + 30 + 10) whose files and last use are `hoursAgo` old. */
  function entry(key: string, hoursAgo: number, files = ['mov', 'pcm', 'json']) {
    const sizes: Record<string, number> = { mov: 60, pcm: 30, json: 10 };
    for (const ext of files) {
      const path = join(dir, `${key}.${ext}`);
      writeFileSync(path, Buffer.alloc(sizes[ext]!));
      const when = (now - hoursAgo * HOUR) / 1000;
      utimesSync(path, when, when);
    }
  }
  const left = () => readdirSync(dir).sort();

  it('removes the entries unused the longest until the folder fits', async () => {
    entry('a', 30);
    entry('b', 10);
    entry('c', 8);
    entry('d', 7);
    const cache = new SegmentCache(dir);
    expect(await cache.evict(250, now)).toEqual({ removed: 2, freedBytes: 200 });
    expect(left()).toEqual(['c.json', 'c.mov', 'c.pcm', 'd.json', 'd.mov', 'd.pcm']);
    expect(await cache.evict(1000, now)).toEqual({ removed: 0, freedBytes: 0 });
  });

  it('keeps entries used in the last six hours, which a running job may read, over the limit', async () => {
    entry('recent', 5);
    entry('old', 7);
    expect(await new SegmentCache(dir).evict(0, now)).toEqual({ removed: 1, freedBytes: 100 });
    expect(left()).toEqual(['recent.json', 'recent.mov', 'recent.pcm']);
  });

  it('removes a broken entry whatever the size, not one still being put in place', async () => {
    entry('broken', 7, ['mov']);
    entry('renaming', 0.01, ['mov', 'pcm']);
    writeFileSync(join(dir, '.tmp-x.mov'), Buffer.alloc(500));
    expect(await new SegmentCache(dir).evict(10_000, now)).toEqual({
      removed: 1,
      freedBytes: 60,
    });
    expect(left()).toEqual(['.tmp-x.mov', 'renaming.mov', 'renaming.pcm']);
  });

  it('counts a lookup as a use', async () => {
    entry('looked-up', 30);
    writeFileSync(
      join(dir, 'looked-up.json'),
      JSON.stringify({ durationSeconds: 1, loudnessLufs: null }),
    );
    const old = (now - 30 * HOUR) / 1000;
    utimesSync(join(dir, 'looked-up.json'), old, old);
    const cache = new SegmentCache(dir);
    expect(await cache.lookup('looked-up')).toMatchObject({ durationSeconds: 1, cached: true });
    expect(await cache.evict(0)).toEqual({ removed: 0, freedBytes: 0 });
  });

  it('answers nothing removed for a folder that does not exist', async () => {
    expect(await new SegmentCache(join(dir, 'none')).evict(0)).toEqual({
      removed: 0,
      freedBytes: 0,
    });
  });
});

describe('contentHash', () => {
  it('is the sha256 of the bytes, and follows changes', async () => {
    const file = join(dir, 'intro.mp4');
    writeFileSync(file, 'abc');
    expect(await contentHash(file)).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    writeFileSync(file, 'abcd');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(await contentHash(file)).toBe(
      '88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589',
    );
  });
});
