import { makeCompilation, makeCompletedCompilation } from '../../../../testing/compile-fixtures';
import {
  artifactState,
  compilationLabel,
  exportableCompilations,
  thumbnailFileName,
} from './export-format';

describe('export formatting', () => {
  it('offers only finished compilations that still have their video', () => {
    const done = makeCompletedCompilation({ id: 'done' });
    const running = makeCompilation({ id: 'running', state: 'running' });
    const gone = makeCompletedCompilation({ id: 'gone', media: null });
    expect(exportableCompilations([running, done, gone]).map((c) => c.id)).toEqual(['done']);
  });

  it('labels a compilation with its date and settings', () => {
    const label = compilationLabel(
      makeCompletedCompilation({
        finishedAt: '2026-12-03T10:05:00.000Z',
        settings: { resolution: '720p', fps: 30, format: 'mp4', quality: 'standard' },
      }),
      'en-GB',
    );
    expect(label).toContain('2026');
    expect(label).toMatch(/ · 720p · 30 fps · MP4 · /);
    const imported = compilationLabel(
      makeCompletedCompilation({
        source: 'ingest',
        jobId: null,
        settings: null,
        imported: { workerId: 'gpu-1', artifact: 'p_Best_20261203T100000Z', path: 'x' },
      }),
      'en-GB',
    );
    expect(imported).toMatch(/ · imported from worker gpu-1$/);
  });

  it('says "Not exported" without an artifact, else its state with the details', () => {
    expect(artifactState(null)).toEqual({ key: 'none', label: 'Not exported', detail: null });
    expect(
      artifactState({
        name: 'p_Best_20261203T100000Z',
        state: 'pushed',
        at: '2026-12-03T10:05:00.000Z',
        error: null,
        worker: 'gpu-1',
      }),
    ).toEqual({
      key: 'pushed',
      label: 'Pushed to the ingest host',
      detail: 'p_Best_20261203T100000Z · worker gpu-1',
    });
    expect(
      artifactState({
        name: null,
        state: 'failed',
        at: '2026-12-03T10:05:00.000Z',
        error: 'ENOSPC',
        worker: null,
      }),
    ).toEqual({ key: 'failed', label: 'Failed', detail: 'ENOSPC' });
    expect(
      artifactState({ name: 'x', state: 'exported', at: '', error: null, worker: null }).label,
    ).toBe('Exported');
  });

  it('says where an imported compilation came from', () => {
    const imported = { workerId: 'gpu-1', artifact: 'p_Best_20261203T100000Z', path: 'gpu-1/x/y' };
    expect(artifactState(null, imported)).toEqual({
      key: 'imported',
      label: 'Imported from worker gpu-1',
      detail: 'p_Best_20261203T100000Z',
    });
  });

  it('names the thumbnail after the video', () => {
    expect(thumbnailFileName('Best of.mp4')).toBe('Best of.jpg');
    expect(thumbnailFileName('Best of')).toBe('Best of.jpg');
    expect(thumbnailFileName('.mp4')).toBe('thumbnail.jpg');
  });
});
