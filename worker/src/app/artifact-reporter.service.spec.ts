import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactReportsRequest } from '@clippyfront/shared';
import type { ApiClient } from './api-client.js';
import { ArtifactReporterService } from './artifact-reporter.service.js';
import type { WorkerConfig } from './worker-config.js';
import type { WorkerIdentity } from './worker-identity.js';

describe('ArtifactReporterService', () => {
  let root: string;
  let sent: ArtifactReportsRequest[];
  let failNext: boolean;
  let reporter: ArtifactReporterService;

  const api = {
    reportArtifacts: (body: ArtifactReportsRequest) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('API unreachable'));
      }
      sent.push(body);
      return Promise.resolve({ updated: body.reports.length, stale: 0, unknown: 0 });
    },
  } as unknown as ApiClient;

  function artifact(name: string, jobId: string, markers: Record<string, string>) {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ kind: 'compilation', jobId, createdAt: '2026-12-03T10:00:00.000Z' }),
    );
    for (const [marker, content] of Object.entries(markers)) {
      writeFileSync(join(dir, marker), content);
    }
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'artifact-reporter-'));
    sent = [];
    failNext = false;
    const config = {
      download: { artifacts: { dir: root, worker: 'w1' } },
      artifactReportSeconds: 30,
    } as unknown as WorkerConfig;
    reporter = new ArtifactReporterService(api, config, { id: 'w1:abc' } as WorkerIdentity);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('sends each state once, the change when a marker appears, and again after a failed round', async () => {
    artifact('p_a', 'job-a', { '.DONE': '' });
    await reporter.round();
    expect(sent).toEqual([
      {
        workerId: 'w1:abc',
        reports: [
          {
            jobId: 'job-a',
            name: 'p_a',
            state: 'exported',
            at: '2026-12-03T10:00:00.000Z',
            error: null,
          },
        ],
      },
    ]);
    await reporter.round();
    expect(sent).toHaveLength(1);

    writeFileSync(
      join(root, 'p_a', '.PUSHED'),
      JSON.stringify({ pushedAt: '2026-12-03T10:05:00.000Z' }),
    );
    failNext = true;
    await reporter.round();
    expect(sent).toHaveLength(1);
    await reporter.round();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.reports).toEqual([
      expect.objectContaining({ jobId: 'job-a', state: 'pushed', at: '2026-12-03T10:05:00.000Z' }),
    ]);
  });

  it('sends at most 100 states per request', async () => {
    for (let i = 0; i < 150; i++) artifact(`p_${i}`, `job-${i}`, { '.DONE': '' });
    await reporter.round();
    expect(sent.map((body) => body.reports.length)).toEqual([100, 50]);
  });
});
