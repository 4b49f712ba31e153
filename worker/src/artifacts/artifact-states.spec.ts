import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactStateTracker, readArtifactState, scanArtifactStates } from './artifact-states.js';

const JOB = '8a3c1e4e-2b1f-4c55-9a51-0d3f3b3f9b11';

describe('artifact states from the sidecar markers', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'artifact-states-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function artifact(name: string, manifest: object, markers: Record<string, string>): string {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    for (const [marker, content] of Object.entries(markers)) {
      writeFileSync(join(dir, marker), content);
    }
    return dir;
  }

  const compilation = {
    kind: 'compilation',
    jobId: JOB,
    createdAt: '2026-12-03T10:00:00.000Z',
  };

  it('exported: .DONE, .READY or .PUSHING, at the manifest’s createdAt', async () => {
    for (const marker of ['.DONE', '.READY', '.PUSHING']) {
      const dir = artifact(`p_${marker.slice(1)}`, compilation, { [marker]: '' });
      expect(await readArtifactState(dir, `p_${marker.slice(1)}`)).toEqual({
        jobId: JOB,
        name: `p_${marker.slice(1)}`,
        state: 'exported',
        at: '2026-12-03T10:00:00.000Z',
        error: null,
      });
    }
  });

  it('pushed: .PUSHED with its pushedAt, even when .FAILED is left from an earlier round', async () => {
    const dir = artifact('p_pushed', compilation, {
      '.PUSHED': JSON.stringify({ pushedAt: '2026-12-03T10:05:00.000Z', target: 'x' }),
      '.FAILED': JSON.stringify({ failedAt: '2026-12-03T10:01:00.000Z', error: 'old' }),
    });
    expect(await readArtifactState(dir, 'p_pushed')).toMatchObject({
      state: 'pushed',
      at: '2026-12-03T10:05:00.000Z',
      error: null,
    });
  });

  it('failed: .FAILED with the sidecar’s error', async () => {
    const dir = artifact('p_failed', compilation, {
      '.READY': '',
      '.FAILED': JSON.stringify({
        failedAt: '2026-12-03T10:02:00.000Z',
        error: 'Host key verification failed.',
      }),
    });
    expect(await readArtifactState(dir, 'p_failed')).toMatchObject({
      state: 'failed',
      at: '2026-12-03T10:02:00.000Z',
      error: 'Host key verification failed.',
    });
  });

  it('an unreadable .PUSHED still counts, at its modification time', async () => {
    const dir = artifact('p_garbled', compilation, { '.PUSHED': 'not json' });
    const when = new Date('2026-12-03T11:00:00.000Z');
    utimesSync(join(dir, '.PUSHED'), when, when);
    expect(await readArtifactState(dir, 'p_garbled')).toMatchObject({
      state: 'pushed',
      at: when.toISOString(),
    });
  });

  it('skips clips, directories without markers or manifest, and hidden directories', async () => {
    artifact('clip_1', { kind: 'clip', jobId: JOB }, { '.DONE': '' });
    artifact('p_unmarked', compilation, {});
    mkdirSync(join(root, 'empty'));
    artifact('.tmp-abc', compilation, { '.DONE': '' });
    artifact('p_ok', compilation, { '.DONE': '' });
    const archive = join(root, '_pushed');
    mkdirSync(join(archive, 'p_archived'), { recursive: true });
    writeFileSync(
      join(archive, 'p_archived', 'manifest.json'),
      JSON.stringify({ ...compilation, jobId: 'other' }),
    );
    writeFileSync(join(archive, 'p_archived', '.PUSHED'), '{}');
    const states = await scanArtifactStates([root, archive, join(root, 'missing')]);
    expect(states.map((s) => [s.name, s.state]).sort()).toEqual([
      ['p_archived', 'pushed'],
      ['p_ok', 'exported'],
    ]);
  });

  it('the tracker hands out each change once', () => {
    const tracker = new ArtifactStateTracker();
    const exported = {
      jobId: JOB,
      name: 'p',
      state: 'exported' as const,
      at: '2026-12-03T10:00:00.000Z',
      error: null,
    };
    expect(tracker.changed([exported])).toEqual([exported]);
    tracker.markSent([exported]);
    expect(tracker.changed([exported])).toEqual([]);
    const pushed = { ...exported, state: 'pushed' as const, at: '2026-12-03T10:05:00.000Z' };
    expect(tracker.changed([pushed])).toEqual([pushed]);
  });
});
