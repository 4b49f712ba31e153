import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The contract with the artifact-sync sidecar: an artifact is a directory directly under
 * ARTIFACTS_DIR that appears complete (written as a hidden `.tmp-*` directory, then renamed),
 * and only then gets the empty `.DONE` sentinel. Hidden directories are never artifacts.
 */
export const DONE_SENTINEL = '.DONE';
export const TEMP_PREFIX = '.tmp-';

export interface PublishHooks {
  /** Called with the temporary directory once its content is written, before the rename. */
  beforeRename?(tempDir: string): void | Promise<void>;
}

/** `2024-05-01T12:34:56.789Z` → `20240501T123456Z` (UTC). */
export function artifactTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Letters, digits, `-` and `_` only, at most `maxLength` characters; `fallback` when nothing is left. */
export function artifactSlug(raw: string, maxLength = 60, fallback = 'clip'): string {
  const trim = (value: string) => value.replace(/^[_-]+|[_-]+$/g, '');
  const clean = trim(
    raw
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/_+/g, '_'),
  );
  return trim(clean.slice(0, maxLength)) || fallback;
}

/** fsync, so that `.DONE` never points at data still only in the page cache. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `path` (it must not exist) with `data`, flushed to disk. */
export async function writeFileSynced(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates ARTIFACTS_DIR when it is missing and checks a directory can be made in it: the
 * problem as a sentence, or null when it is usable.
 */
export async function artifactsDirProblem(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    await rmdir(await mkdtemp(join(dir, `${TEMP_PREFIX}probe-`)));
    return null;
  } catch (error) {
    return `ARTIFACTS_DIR ${dir} is not writable (${(error as Error).message})`;
  }
}

/**
 * Writes an artifact directory `name` under `root` the way the sidecar expects: `fill` writes
 * into a hidden temporary directory, which is renamed into place, and only then the `.DONE`
 * sentinel is created in it. On any failure nothing is left behind (neither the temporary nor
 * a published directory without `.DONE`) and the error is thrown. Returns the directory.
 */
export async function publishArtifact(
  root: string,
  name: string,
  fill: (tempDir: string) => Promise<void>,
  hooks: PublishHooks = {},
): Promise<string> {
  await mkdir(root, { recursive: true });
  // mkdir, not mkdtemp: the usual permissions (umask), so a sidecar running as another user
  // can read the directory and write its own sentinels into it.
  const temp = join(root, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  await mkdir(temp);
  let published: string | undefined;
  try {
    await fill(temp);
    await hooks.beforeRename?.(temp);
    await rename(temp, join(root, name));
    published = join(root, name);
    await syncPath(root);
    await writeFileSynced(join(published, DONE_SENTINEL), '');
    return published;
  } catch (error) {
    const leftover = published ?? temp;
    const cleanupError = await rm(leftover, { recursive: true, force: true }).then(
      () => null,
      (reason: Error) => reason,
    );
    if (!cleanupError) throw error;
    throw new Error(
      `${(error as Error).message}; ${leftover} could not be removed either ` +
        `(${cleanupError.message})`,
      { cause: error },
    );
  }
}
