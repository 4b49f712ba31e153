import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppLogger, createPinoLogger } from './app-logger.js';

describe('AppLogger after close', () => {
  const logsDir = mkdtempSync(join(tmpdir(), 'app-logger-spec-'));
  afterAll(() => rmSync(logsDir, { recursive: true, force: true }));

  it('sends late lines (a request finishing during shutdown) to stderr instead of throwing', async () => {
    const logger = new AppLogger(
      createPinoLogger({ logsDir, level: 'info', maxSize: '1mb', maxFiles: 2, stdout: false }),
    );
    logger.log('before close', 'Spec');
    await logger.close();
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) =>
      written.push(chunk) > 0) as typeof process.stderr.write;
    try {
      expect(() => logger.error('late failure', 'stack', 'WorkerApi')).not.toThrow();
      logger.debug('below the level', 'Spec');
    } finally {
      process.stderr.write = original;
    }
    expect(written.map((line) => JSON.parse(line) as Record<string, string>)).toEqual([
      { level: 'error', context: 'WorkerApi', stack: 'stack', msg: 'late failure' },
    ]);
    await expect(logger.close()).resolves.toBeUndefined();
  });
});
