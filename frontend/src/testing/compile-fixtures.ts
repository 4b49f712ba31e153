import type { CompilationDto, CompilationOutputDto } from '@clippyfront/shared';
import { makeMedia } from './media-fixtures';

export function makeCompilation(overrides: Partial<CompilationDto> = {}): CompilationDto {
  return {
    id: 'comp-1',
    projectId: 'p1',
    source: 'render',
    jobId: 'job-c1',
    imported: null,
    state: 'queued',
    progress: 0,
    error: null,
    settings: { resolution: '1080p', fps: 30, format: 'mp4', quality: 'standard' },
    tierNote: null,
    media: null,
    output: null,
    artifact: null,
    createdAt: '2026-01-03T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

export function makeCompileOutput(
  overrides: Partial<CompilationOutputDto> = {},
): CompilationOutputDto {
  return {
    durationSeconds: 75.4,
    sizeBytes: 12_897_484,
    renderSeconds: 42.3,
    encoder: 'libx264',
    chapters: [
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 6.2, title: 'Insane clutch — clipper42' },
      { startSeconds: 65, title: 'Outro' },
    ],
    chaptersText: '00:00 Intro\n00:06 Insane clutch — clipper42\n01:05 Outro',
    ...overrides,
  };
}

/** A finished compilation with its video in the library. */
export function makeCompletedCompilation(overrides: Partial<CompilationDto> = {}): CompilationDto {
  return makeCompilation({
    state: 'completed',
    progress: 100,
    media: makeMedia({
      id: 'media-c1',
      name: 'Best of January.mp4',
      type: 'compilation',
      durationSeconds: 75.4,
      sizeBytes: 12_897_484,
    }),
    output: makeCompileOutput(),
    finishedAt: '2026-01-03T10:01:00.000Z',
    ...overrides,
  });
}
