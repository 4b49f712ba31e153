import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogTailer, type TailedLine } from './log-tailer.js';

/** Driven by check() alone: no timers, no waiting on fs.watch. */
describe('LogTailer (temp folders)', () => {
  let root: string;
  let dir: string;
  let tailer: LogTailer;
  let seen: TailedLine[];
  let statuses: (string | null)[];

  const lines = () => seen.map((entry) => entry.line);
  const make = (options: { backlogBytes?: number } = {}) => {
    tailer = new LogTailer({ dir, ...options });
    tailer.on('lines', (batch) => seen.push(...batch));
    tailer.on('status', (status) => statuses.push(status));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'console-tail-'));
    dir = join(root, 'logs');
    seen = [];
    statuses = [];
  });
  afterEach(() => {
    tailer?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows the end of the newest file at start, then only what is added', async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'clippyfront.1.log'), 'old 1\nold 2\n');
    writeFileSync(join(dir, 'clippyfront.2.log'), `${'x'.repeat(100)}\nrecent 1\nrecent 2\n`);
    writeFileSync(join(dir, 'notes.txt'), 'not a log\n');
    make({ backlogBytes: 30 });
    await tailer.check();
    // The cut line at the start of the backlog is dropped; the older file is not replayed.
    expect(lines()).toEqual(['recent 1', 'recent 2']);
    appendFileSync(join(dir, 'clippyfront.2.log'), 'next\n');
    await tailer.check();
    expect(lines()).toEqual(['recent 1', 'recent 2', 'next']);
    expect(seen.at(-1)!.file).toBe('clippyfront.2.log');
  });

  it('holds a line back until its newline arrives, and keeps multi-byte characters whole', async () => {
    mkdirSync(dir);
    const file = join(dir, 'clippyfront.1.log');
    writeFileSync(file, '');
    make();
    await tailer.check();
    const bytes = Buffer.from('{"msg":"Größe ✓"}\n');
    appendFileSync(file, bytes.subarray(0, 12)); // ends inside "ö"
    await tailer.check();
    expect(lines()).toEqual([]);
    appendFileSync(file, bytes.subarray(12));
    await tailer.check();
    expect(lines()).toEqual(['{"msg":"Größe ✓"}']);
  });

  it('follows rotation to a new file, reads a truncated file again, and a replaced one', async () => {
    mkdirSync(dir);
    const first = join(dir, 'clippyfront.1.log');
    writeFileSync(first, 'a\n');
    make();
    await tailer.check();
    expect(lines()).toEqual(['a']);

    writeFileSync(join(dir, 'clippyfront.2.log'), 'b\nc\n'); // pino-roll's next file
    await tailer.check();
    expect(lines()).toEqual(['a', 'b', 'c']);

    truncateSync(first, 0);
    appendFileSync(first, 'after truncation\n');
    await tailer.check();
    expect(lines()).toEqual(['a', 'b', 'c', 'after truncation']);

    // logrotate's way: the file is moved away and a new one made under the same name.
    renameSync(join(dir, 'clippyfront.2.log'), join(root, 'moved.log'));
    writeFileSync(join(dir, 'clippyfront.2.log'), 'fresh\n');
    await tailer.check();
    expect(lines().at(-1)).toBe('fresh');
  });

  it('says when the folder is missing or empty, and starts reading once logs appear', async () => {
    make();
    await tailer.check();
    expect(statuses.at(-1)).toMatch(/does not exist \(yet\)/);
    mkdirSync(dir);
    await tailer.check();
    expect(tailer.status()).toBe(`No log files in ${dir} yet`);
    writeFileSync(join(dir, 'clippyfront.1.log'), 'first\n');
    await tailer.check();
    expect(tailer.status()).toBeNull();
    expect(lines()).toEqual(['first']);
  });

  it('lets only one scan run at a time; a check during one runs once more after it', async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'clippyfront.1.log'), '');
    make();
    await tailer.check();
    appendFileSync(join(dir, 'clippyfront.1.log'), 'one\n');
    const running = tailer.check();
    appendFileSync(join(dir, 'clippyfront.1.log'), 'two\n');
    await Promise.all([running, tailer.check()]);
    expect(lines()).toEqual(['one', 'two']);
  });
});
