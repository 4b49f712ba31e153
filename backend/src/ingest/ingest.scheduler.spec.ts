import { jest } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { IngestScanResultDto } from '@clippyfront/shared';
import type { AppConfig } from '../config/app-config.js';
import type { IngestSettings } from '../config/ingest-env.js';
import { IngestScheduler } from './ingest.scheduler.js';
import type { IngestService } from './ingest.service.js';

const settings = { enabled: true, intervalSeconds: 30 } as IngestSettings;

function setup(ingest: Partial<IngestSettings>) {
  let finish: (result: IngestScanResultDto) => void = () => undefined;
  const scanWithSettings = jest.fn(
    () => new Promise<IngestScanResultDto>((resolve) => (finish = resolve)),
  );
  const registry = new SchedulerRegistry();
  const scheduler = new IngestScheduler(
    { scanWithSettings } as unknown as IngestService,
    registry,
    { ingest: { ...settings, ...ingest } } as AppConfig,
  );
  return { scheduler, registry, scanWithSettings, finish: (r: IngestScanResultDto) => finish(r) };
}

describe('IngestScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('scans every INGEST_IMPORT_INTERVAL_SECONDS, never two at once, and stops on shutdown', async () => {
    const { scheduler, registry, scanWithSettings, finish } = setup({});
    scheduler.onApplicationBootstrap();
    expect(registry.getIntervals()).toEqual(['ingest-scan']);
    jest.advanceTimersByTime(30_000);
    expect(scanWithSettings).toHaveBeenCalledTimes(1);
    // Still running: the next tick does not start another.
    jest.advanceTimersByTime(30_000);
    expect(scanWithSettings).toHaveBeenCalledTimes(1);
    finish({ counts: { imported: 0, skipped: 0, waiting: 0, failed: 0 } } as IngestScanResultDto);
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(30_000);
    expect(scanWithSettings).toHaveBeenCalledTimes(2);
    finish({ counts: { imported: 0, skipped: 0, waiting: 0, failed: 0 } } as IngestScanResultDto);
    await scheduler.onApplicationShutdown();
    expect(registry.getIntervals()).toEqual([]);
  });

  it('does nothing while the importer is off', () => {
    const { scheduler, registry, scanWithSettings } = setup({ enabled: false });
    scheduler.onApplicationBootstrap();
    jest.advanceTimersByTime(3_600_000);
    expect(registry.getIntervals()).toEqual([]);
    expect(scanWithSettings).not.toHaveBeenCalled();
  });
});
