import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createWorkDir, removeOrphanedWorkDirs } from './work-dirs.js';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'clippyfront-work-dirs-spec-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('job work folders', () => {
  it('are named after the job kind and the process running it', async () => {
    const dir = await createWorkDir('compile', parent);
    expect(dirname(dir)).toBe(parent);
    expect(basename(dir)).toMatch(new RegExp(`^clippyfront-compile-${process.pid}-\\w{6}$`));
  });

  it('are removed when their process no longer runs, not while it does', async () => {
    const gone = spawnSync('true').pid!;
    const folder = (name: string) => {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, 'part.mp4'), 'x');
    };
    folder(`clippyfront-download-${gone}-abc123`);
    folder(`clippyfront-media-reindex-${gone}-Xy9zZz`);
    folder(`clippyfront-probe-${process.ppid}-abc123`);
    folder('clippyfront-cache');
    folder('clippyfront-probe-abc123');
    const mine = await createWorkDir('thumbnail', parent);

    expect(await removeOrphanedWorkDirs(parent)).toBe(2);
    expect(readdirSync(parent).sort()).toEqual(
      [
        basename(mine),
        'clippyfront-cache',
        'clippyfront-probe-abc123',
        `clippyfront-probe-${process.ppid}-abc123`,
      ].sort(),
    );
  });

  it('finds nothing to remove in a folder that does not exist', async () => {
    expect(await removeOrphanedWorkDirs(join(parent, 'none'))).toBe(0);
  });
});
