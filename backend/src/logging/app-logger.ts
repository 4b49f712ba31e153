import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { parseByteSize } from '../config/byte-size.js';

export interface AppLoggerOptions {
  logsDir: string;
  level: string;
  maxSize: string;
  maxFiles: number;
  /** Also write to stdout (on by default). */
  stdout?: boolean;
}

/** pino writing JSON lines to stdout and to instance/logs/clippyfront.N.log, rotated by size. */
export function createPinoLogger(options: AppLoggerOptions): Logger {
  mkdirSync(options.logsDir, { recursive: true });
  const targets: pino.TransportTargetOptions[] = [
    {
      target: 'pino-roll',
      level: options.level,
      options: {
        file: join(options.logsDir, 'clippyfront'),
        extension: '.log',
        size: `${parseByteSize(options.maxSize)}b`,
        limit: { count: options.maxFiles },
        mkdir: true,
      },
    },
  ];
  if (options.stdout ?? true) {
    targets.push({ target: 'pino/file', level: options.level, options: { destination: 1 } });
  }
  return pino(
    { level: options.level, base: { app: 'clippyfront-api' } },
    pino.transport({ targets }),
  );
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Adapts pino to Nest's LoggerService so framework and app logs share one sink. */
export class AppLogger implements LoggerService {
  private closed = false;

  constructor(readonly pino: Logger) {}

  log(message: unknown, context?: string) {
    this.write('info', { context }, message);
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    const stack = context ? stackOrContext : undefined;
    this.write('error', { context: context ?? stackOrContext, stack }, message);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', { context }, message);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', { context }, message);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', { context }, message);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', { context }, message);
  }

  /**
   * After close (a request still finishing while the app shuts down) the transport's thread is
   * gone and writing to it throws: such late lines go to stderr instead.
   */
  private write(level: Level, fields: Record<string, unknown>, message: unknown): void {
    if (!this.closed) return this.pino[level](fields, String(message));
    if (!this.pino.isLevelEnabled(level)) return;
    process.stderr.write(`${JSON.stringify({ level, ...fields, msg: String(message) })}\n`);
  }

  /** Waits until buffered lines reach the files (before exit, and in tests). */
  flush(): Promise<void> {
    return new Promise((resolve) => this.pino.flush(() => resolve()));
  }

  /** Flushes, then stops the transport's worker thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    const stream = (this.pino as unknown as Record<symbol, { end?: () => void }>)[
      pino.symbols.streamSym
    ];
    stream?.end?.();
  }
}
