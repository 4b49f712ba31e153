import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  artifactSlug,
  artifactsDirProblem,
  artifactTimestamp,
  publishArtifact,
} from './artifact-dir.js';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-artifact-dir-spec-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('artifactTimestamp', () => {
  it('is UTC yyyymmddThhmmssZ', () => {
    expect(artifactTimestamp(new Date('2024-05-01T12:34:56.789Z'))).toBe('20240501T123456Z');
    expect(artifactTimestamp(new Date('2024-12-31T23:59:59+02:00'))).toBe('20241231T215959Z');
  });
});

describe('artifactSlug', () => {
  it.each([
    ['Best Play!', 'Best_Play'],
    ['CleverSlug-AbC123_x', 'CleverSlug-AbC123_x'],
    ['Café ñandú', 'Cafe_nandu'],
    ['../../etc/passwd', 'etc_passwd'],
    ['--__--', 'clip'],
    ['', 'clip'],
    ['日本語', 'clip'],
  ])('%j → %j', (raw, slug) => {
    expect(artifactSlug(raw)).toBe(slug);
  });

  it('keeps at most 60 characters, without a trailing separator', () => {
    expect(artifactSlug('a'.repeat(100))).toBe('a'.repeat(60));
    expect(artifactSlug(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59));
  });
});

describe('publishArtifact', () => {
  function root(): string {
    return join(mkdtempSync(join(folder, 'root-')), 'artifacts', 'nested');
  }

  it('renames a complete hidden temporary directory into place, then adds .DONE', async () => {
    const dir = root();
    let seenBeforeRename: { temp: string; entries: string[]; root: string[] } | undefined;
    const published = await publishArtifact(
      dir,
      'clip_1_slug_20240501T123456Z',
      async (temp) => writeFileSync(join(temp, 'manifest.json'), '{}'),
      {
        beforeRename: (temp) => {
          seenBeforeRename = { temp, entries: readdirSync(temp), root: readdirSync(dir) };
        },
      },
    );
    expect(published).toBe(join(dir, 'clip_1_slug_20240501T123456Z'));
    // Before the rename: content complete, no sentinel, and nothing visible but the temp dir.
    expect(seenBeforeRename!.entries).toEqual(['manifest.json']);
    expect(seenBeforeRename!.temp).toMatch(/\/\.tmp-[0-9a-f]{16}$/);
    expect(seenBeforeRename!.root).toEqual([seenBeforeRename!.temp.split('/').pop()]);
    expect(existsSync(seenBeforeRename!.temp)).toBe(false);
    expect(readdirSync(dir)).toEqual(['clip_1_slug_20240501T123456Z']);
    expect(readdirSync(published).sort()).toEqual(['.DONE', 'manifest.json']);
    expect(statSync(join(published, '.DONE')).size).toBe(0);
    // Ordinary permissions (not mkdtemp's 0700), so a sidecar under another user can read it.
    expect(statSync(published).mode & 0o755).toBe(0o755 & ~process.umask());
  });

  it('removes the temporary directory and rethrows when writing fails', async () => {
    const dir = root();
    await expect(
      publishArtifact(dir, 'x', async (temp) => {
        writeFileSync(join(temp, 'half.mp4'), 'partial');
        throw new Error('ENOSPC: no space left on device, write');
      }),
    ).rejects.toThrow('ENOSPC');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never replaces an existing artifact of the same name', async () => {
    const dir = root();
    mkdirSync(join(dir, 'taken'), { recursive: true });
    writeFileSync(join(dir, 'taken', 'keep.txt'), 'mine');
    await expect(
      publishArtifact(dir, 'taken', async (temp) => writeFileSync(join(temp, 'new.txt'), 'x')),
    ).rejects.toThrow(/ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(dir, 'taken', 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('artifactsDirProblem', () => {
  it('creates a missing directory and leaves nothing in it', async () => {
    const dir = join(folder, 'missing', 'artifacts');
    await expect(artifactsDirProblem(dir)).resolves.toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the directory and the reason when it cannot be used', async () => {
    // Tests run as root, which chmod does not stop: a path under a regular file fails for all.
    const file = join(folder, 'a-file');
    writeFileSync(file, '');
    await expect(artifactsDirProblem(join(file, 'artifacts'))).resolves.toMatch(
      new RegExp(`^ARTIFACTS_DIR ${file}/artifacts is not writable \\(ENOTDIR`),
    );
  });
});
