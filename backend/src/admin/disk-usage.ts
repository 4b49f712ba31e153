import { lstat, opendir, statfs } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderUsage {
  bytes: number | null;
  files: number;
  complete: boolean;
}

/**
 * Bytes of the files under `path` (symbolic links are not followed). Stops at `deadline`
 * (ms since epoch) with `complete: false`, so a huge library cannot hold the page up.
 */
export async function folderUsage(path: string, deadline: number): Promise<FolderUsage> {
  try {
    if (!(await lstat(path)).isDirectory()) return { bytes: null, files: 0, complete: true };
  } catch {
    return { bytes: null, files: 0, complete: true };
  }
  const usage = { bytes: 0, files: 0, complete: true };
  const pending = [path];
  while (pending.length) {
    if (Date.now() > deadline) return { ...usage, complete: false };
    const folder = pending.pop()!;
    try {
      for await (const entry of await opendir(folder)) {
        const child = join(folder, entry.name);
        if (entry.isDirectory()) pending.push(child);
        else if (entry.isFile()) {
          usage.bytes += (await lstat(child).catch(() => ({ size: 0 }))).size;
          usage.files++;
        }
      }
    } catch {
      // Gone or unreadable meanwhile: count what could be read.
    }
  }
  return usage;
}

/** Free (for unprivileged users) and total bytes of the file system holding `path`. */
export async function freeSpace(
  path: string,
): Promise<{ freeBytes: number | null; totalBytes: number | null }> {
  try {
    const stats = await statfs(path);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return { freeBytes: null, totalBytes: null };
  }
}
