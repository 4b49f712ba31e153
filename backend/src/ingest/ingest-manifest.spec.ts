import { parseManifest } from './ingest-manifest.js';

const sha = 'AB'.repeat(32);

describe('parseManifest', () => {
  it('takes what the importer uses from a worker manifest', () => {
    expect(
      parseManifest({
        kind: 'clip',
        version: 1,
        fileName: 'clip.mp4',
        sizeBytes: 12,
        sha256: sha,
        durationSeconds: 2.5,
        projectId: 'p1',
      }),
    ).toEqual({
      kind: 'clip',
      fileName: 'clip.mp4',
      sha256: sha.toLowerCase(),
      sizeBytes: 12,
      durationSeconds: 2.5,
      projectId: 'p1',
      chapters: [],
      renderSeconds: null,
      encoder: null,
    });
    expect(parseManifest({})).toMatchObject({ kind: 'compilation', sha256: null, fileName: null });
  });

  it("takes a compilation's chapters and render figures, and no chapters from a bad list", () => {
    const chapters = [
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 4.5, title: 'Big play — creator' },
    ];
    expect(
      parseManifest({ kind: 'compilation', chapters, renderSeconds: 12.5, encoder: 'libx264' }),
    ).toMatchObject({ chapters, renderSeconds: 12.5, encoder: 'libx264' });
    expect(
      parseManifest({ chapters: [...chapters, { startSeconds: -1, title: 'x' }], encoder: 'x' }),
    ).toMatchObject({ chapters: [], encoder: null, renderSeconds: null });
    expect(parseManifest({ chapters: 'Intro' })).toMatchObject({ chapters: [] });
  });

  it.each([
    [[], 'manifest.json is not a JSON object'],
    ['text', 'manifest.json is not a JSON object'],
    [{ kind: 'song' }, 'manifest.json: unknown kind "song"'],
    [{ sha256: 'abc' }, 'manifest.json: sha256 is not 64 hex digits'],
    [{ sha256: 5 }, 'manifest.json: sha256 is not 64 hex digits'],
    [
      { fileName: '../../etc/passwd' },
      'manifest.json: fileName "../../etc/passwd" is not a file in the artifact',
    ],
    [{ fileName: '.DONE' }, 'manifest.json: fileName ".DONE" is not a file in the artifact'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(parseManifest(raw)).toBe(reason);
  });
});
