import {
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
import type { AppConfig } from '../config/app-config.js';
import { CrossDeviceLinkError, IngestFilesRepository } from './ingest-files.repository.js';

let folder: string;
let files: IngestFilesRepository;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-ingest-files-spec-'));
  files = new IngestFilesRepository({ paths: { instance: join(folder, 'instance') } } as AppConfig);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let n = 0;
function artifact(entries: Record<string, string>): string {
  const dir = join(folder, `artifact-${++n}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(entries)) {
    if (content === 'DIR') mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('IngestFilesRepository.readiness', () => {
  const now = () => Date.now();

  it('is ready at once when a sentinel says the push is complete', async () => {
    for (const marker of ['.PUSHED', '.DONE', '.READY']) {
      const dir = artifact({ 'a.mp4': 'x', [marker]: '' });
      await expect(files.readiness(dir, 3600, now())).resolves.toEqual({ ready: true });
    }
  });

  it('waits while a push is under way, whatever the sentinels', async () => {
    const dir = artifact({ 'a.mp4': 'x', '.PUSHED': '', '.rsync-partial': 'DIR' });
    await expect(files.readiness(dir, 0, now())).resolves.toEqual({
      ready: false,
      reason: 'a push is under way (.rsync-partial)',
    });
    const locked = artifact({ 'a.mp4': 'x', '.PUSHING.host.1': '' });
    await expect(files.readiness(locked, 0, now())).resolves.toMatchObject({ ready: false });
  });

  it('without sentinels, waits until nothing changed for the stable time', async () => {
    const dir = artifact({ 'a.mp4': 'x' });
    const changed = statSync(join(dir, 'a.mp4')).ctimeMs;
    await expect(files.readiness(dir, 60, changed + 59_000)).resolves.toEqual({
      ready: false,
      reason: 'changed 59 s ago; imported once unchanged for 60 s (INGEST_IMPORT_STABLE_SECONDS)',
    });
    await expect(files.readiness(dir, 60, changed + 61_000)).resolves.toEqual({ ready: true });
  });
});

describe('IngestFilesRepository.stage', () => {
  it('copies to a hidden temporary name for the library to take; stale ones are swept', async () => {
    const dir = artifact({ 'a.mp4': 'video bytes' });
    const staged = await files.stage(join(dir, 'a.mp4'), 'copy');
    expect(staged).toMatch(/\/instance\/tmp\/uploads\/ingest-[0-9a-f-]{36}\.part$/);
    expect(readFileSync(staged, 'utf8')).toBe('video bytes');
    expect(statSync(staged).ino).not.toBe(statSync(join(dir, 'a.mp4')).ino);
    writeFileSync(join(folder, 'instance', 'tmp', 'uploads', 'someone-elses-upload'), '');
    await files.removeStaleStaging();
    expect(readdirSync(join(folder, 'instance', 'tmp', 'uploads'))).toEqual([
      'someone-elses-upload',
    ]);
  });

  it('hard-links for link', async () => {
    const dir = artifact({ 'a.mp4': 'video bytes' });
    const staged = await files.stage(join(dir, 'a.mp4'), 'link');
    expect(statSync(staged).ino).toBe(statSync(join(dir, 'a.mp4')).ino);
  });

  // /dev/shm is a tmpfs: a hard link from there into the instance folder crosses devices.
  const crossDevice =
    statSync('/dev/shm', { throwIfNoEntry: false })?.dev !== statSync(tmpdir()).dev;
  (crossDevice ? it : it.skip)('says plainly that link cannot cross file systems', async () => {
    const elsewhere = mkdtempSync('/dev/shm/clippyfront-ingest-spec-');
    await files.removeStaleStaging();
    try {
      writeFileSync(join(elsewhere, 'a.mp4'), 'x');
      const attempt = files.stage(join(elsewhere, 'a.mp4'), 'link');
      await expect(attempt).rejects.toBeInstanceOf(CrossDeviceLinkError);
      await expect(attempt).rejects.toThrow(
        `INGEST_IMPORT_ACTION=link needs ${elsewhere}/a.mp4 and the instance folder on one file ` +
          'system (EXDEV: a hard link cannot cross file systems); use copy or move',
      );
      expect(
        readdirSync(join(folder, 'instance', 'tmp', 'uploads')).filter((f) => f.endsWith('.part')),
      ).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
