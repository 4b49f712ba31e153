import { jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import type { JobDispatcher } from '../jobs/job-dispatcher.js';
import type { CompilationsService } from './compilations.service.js';
import { EmbeddedArtifactReporter } from './embedded-artifact-reporter.service.js';

describe('EmbeddedArtifactReporter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-artifacts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function reporter(mode: JobDispatcher['mode'], artifacts: boolean) {
    const recordEmbeddedArtifacts = jest.fn(async () => ({ updated: 1, stale: 0, unknown: 0 }));
    const service = new EmbeddedArtifactReporter(
      { recordEmbeddedArtifacts } as unknown as CompilationsService,
      { mode } as JobDispatcher,
      {
        download: { artifacts: artifacts ? { dir } : null },
        jobs: { artifactReportSeconds: 30 },
      } as unknown as AppConfig,
    );
    return { service, recordEmbeddedArtifacts };
  }

  it('runs only for in-process jobs with ARTIFACTS_DIR (workers report their own)', () => {
    expect(reporter('in-process', true).service.enabled).toBe(true);
    expect(reporter('redis', true).service.enabled).toBe(false);
    expect(reporter('in-process', false).service.enabled).toBe(false);
  });

  it('records what the markers say, each change once', async () => {
    const artifact = join(dir, 'p1_best_20260101T000000Z');
    mkdirSync(artifact);
    writeFileSync(
      join(artifact, 'manifest.json'),
      JSON.stringify({ kind: 'compilation', jobId: 'job-1', createdAt: '2026-01-01T00:00:00Z' }),
    );
    const pushedAt = '2026-01-01T00:01:00.000Z';
    writeFileSync(join(artifact, '.PUSHED'), JSON.stringify({ pushedAt }));
    const { service, recordEmbeddedArtifacts } = reporter('in-process', true);
    await service.round();
    await service.round();
    expect(recordEmbeddedArtifacts).toHaveBeenCalledTimes(1);
    expect(recordEmbeddedArtifacts).toHaveBeenCalledWith([
      {
        jobId: 'job-1',
        name: 'p1_best_20260101T000000Z',
        state: 'pushed',
        at: pushedAt,
        error: null,
      },
    ]);
    // Off: nothing is read.
    const off = reporter('redis', true);
    await off.service.round();
    expect(off.recordEmbeddedArtifacts).not.toHaveBeenCalled();
  });
});
