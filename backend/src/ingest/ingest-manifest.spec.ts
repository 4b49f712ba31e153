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
    });
    expect(parseManifest({})).toMatchObject({ kind: 'compilation', sha256: null, fileName: null });
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
