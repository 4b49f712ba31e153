import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** clippyfront-<kind>-<pid>-<6 random characters>, as mkdtemp makes it. */
const WORK_DIR = /^clippyfront-[a-z][a-z-]*-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * A job's temporary folder, named after the process that runs it: runJob removes it when the
 * job ends, and removeOrphanedWorkDirs when the process died first.
 */
export function createWorkDir(kind: string, parent = tmpdir()): Promise<string> {
  return mkdtemp(join(parent, `clippyfront-${kind}-${process.pid}-`));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the job folders of processes that no longer run (killed in the middle of a job);
 * answers how many. Called when a worker or the API starts.
 */
export async function removeOrphanedWorkDirs(parent = tmpdir()): Promise<number> {
  const names = await readdir(parent).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = Number(WORK_DIR.exec(name)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    await rm(join(parent, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
