import { EventEmitter } from 'node:events';
import { watch, type FSWatcher } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export interface TailedLine {
  file: string;
  line: string;
}

export interface LogTailerOptions {
  dir: string;
  /** Which files are logs: the API's pino-roll files are clippyfront.N.log. */
  pattern?: RegExp;
  /** How much of the newest file's end is shown at start. */
  backlogBytes?: number;
  /** Checked this often besides fs.watch events (some file systems send none). */
  pollMs?: number;
}

/** What the log pane listens to; a test may pass its own. */
export interface LogSource {
  readonly dir: string;
  on(event: 'lines', listener: (lines: TailedLine[]) => void): this;
  on(event: 'status', listener: (status: string | null) => void): this;
  off(event: 'lines', listener: (lines: TailedLine[]) => void): this;
  off(event: 'status', listener: (status: string | null) => void): this;
  status(): string | null;
  start(): void;
  stop(): void;
}

interface TrackedFile {
  ino: number;
  offset: number;
  decoder: StringDecoder;
  /** The unfinished last line; null: reading began mid-line, so drop up to the first newline. */
  partial: string | null;
  /** The last bytes read: when they changed, the file was truncated and written again. */
  mark: Buffer;
}

const MARK_BYTES = 32;

/** A file that grew by more than this between two looks is read from its last backlogBytes. */
const MAX_CATCH_UP_BYTES = 4 * 1024 * 1024;

/**
 * `tail -F` over every log file of a folder: follows new files (pino-roll starts
 * clippyfront.N+1.log), a file replaced under the same name (another inode) or truncated (read
 * again from the start), and keeps a line that is still being written until its newline.
 */
export class LogTailer extends EventEmitter implements LogSource {
  readonly dir: string;
  private readonly pattern: RegExp;
  private readonly backlogBytes: number;
  private readonly pollMs: number;
  private readonly files = new Map<string, TrackedFile>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopped = false;
  private current: string | null = null;
  private scanned = false;

  constructor(options: LogTailerOptions) {
    super();
    this.dir = options.dir;
    this.pattern = options.pattern ?? /\.log$/;
    this.backlogBytes = options.backlogBytes ?? 64 * 1024;
    this.pollMs = options.pollMs ?? 1000;
  }

  status(): string | null {
    return this.current;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.timer = setInterval(() => void this.check(), this.pollMs);
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
    this.watcher = null;
  }

  /** Resolves once everything written so far has been emitted (tests, and a first frame). */
  async check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.scan();
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private setStatus(status: string | null): void {
    if (status === this.current) return;
    this.current = status;
    this.emit('status', status);
  }

  private ensureWatcher(): void {
    if (this.watcher || this.stopped) return;
    try {
      this.watcher = watch(this.dir, () => void this.check());
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null; // the folder went away: polling finds it again
      });
    } catch {
      this.watcher = null;
    }
  }

  private async scan(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((name) => this.pattern.test(name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.files.clear();
      this.watcher?.close();
      this.watcher = null;
      this.setStatus(
        code === 'ENOENT'
          ? `${this.dir} does not exist (yet): waiting for the API to write logs`
          : `Cannot read ${this.dir}: ${code ?? (error as Error).message}`,
      );
      return;
    }
    this.ensureWatcher();
    const stats = (
      await Promise.all(
        names.map(async (name) => {
          try {
            const info = await stat(join(this.dir, name));
            return info.isFile() ? { name, info } : null;
          } catch {
            return null; // removed meanwhile (rotation pruning)
          }
        }),
      )
    ).filter((entry) => entry !== null);
    // Older files first, so the rest of a rotated file comes before its successor's lines.
    stats.sort((a, b) => a.info.mtimeMs - b.info.mtimeMs || a.name.localeCompare(b.name));
    for (const name of this.files.keys()) {
      if (!stats.some((entry) => entry.name === name)) this.files.delete(name);
    }
    const firstScan = !this.scanned;
    this.scanned = true;
    const newest = stats.at(-1)?.name;
    const lines: TailedLine[] = [];
    for (const { name, info } of stats) {
      let tracked = this.files.get(name);
      if (!tracked || tracked.ino !== info.ino || info.size < tracked.offset) {
        // At start only the newest file's end is shown; files that appear later are read whole.
        const offset = firstScan
          ? name === newest
            ? Math.max(0, info.size - this.backlogBytes)
            : info.size
          : 0;
        const partial = offset > 0 ? null : '';
        tracked = {
          ino: info.ino,
          offset,
          decoder: new StringDecoder('utf8'),
          partial,
          mark: Buffer.alloc(0),
        };
        this.files.set(name, tracked);
      }
      if (info.size - tracked.offset > MAX_CATCH_UP_BYTES) {
        tracked.offset = info.size - this.backlogBytes;
        tracked.decoder = new StringDecoder('utf8');
        tracked.partial = null;
        tracked.mark = Buffer.alloc(0);
      }
      if (info.size > tracked.offset) lines.push(...(await this.read(name, tracked, info.size)));
    }
    this.setStatus(stats.length ? null : `No log files in ${this.dir} yet`);
    if (lines.length && !this.stopped) this.emit('lines', lines);
  }

  private async read(name: string, tracked: TrackedFile, size: number): Promise<TailedLine[]> {
    let buffer: Buffer;
    let read = 0;
    try {
      const handle = await open(join(this.dir, name), 'r');
      try {
        if (tracked.mark.length) {
          const now = Buffer.alloc(tracked.mark.length);
          await handle.read(now, 0, now.length, tracked.offset - now.length);
          if (!now.equals(tracked.mark)) {
            // Truncated and written past the old end before this look: read it all again.
            Object.assign(tracked, { offset: 0, decoder: new StringDecoder('utf8'), partial: '' });
          }
        }
        const length = size - tracked.offset;
        buffer = Buffer.alloc(length);
        while (read < length) {
          const { bytesRead } = await handle.read(
            buffer,
            read,
            length - read,
            tracked.offset + read,
          );
          if (!bytesRead) break;
          read += bytesRead;
        }
      } finally {
        await handle.close();
      }
    } catch {
      return [];
    }
    tracked.offset += read;
    const kept = Math.min(MARK_BYTES, tracked.offset);
    tracked.mark = kept
      ? Buffer.concat([tracked.mark, buffer.subarray(0, read)]).subarray(-kept)
      : Buffer.alloc(0);
    const text = tracked.decoder.write(buffer.subarray(0, read));
    const pieces = text.split('\n');
    const skipFirst = tracked.partial === null;
    pieces[0] = (tracked.partial ?? '') + pieces[0];
    tracked.partial = pieces.pop()!;
    if (skipFirst) {
      // Started mid-file: the first piece is the tail of a line whose start was not read.
      if (pieces.length) pieces.shift();
      else tracked.partial = null;
    }
    return pieces.filter((line) => line.trim()).map((line) => ({ file: name, line }));
  }
}
