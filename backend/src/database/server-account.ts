import { execFileSync } from 'node:child_process';
import { lchownSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The system account the embedded PostgreSQL runs as (PostgreSQL refuses to run as root). */
export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
}

const ACCOUNT = 'postgres';

/**
 * Undefined when this process is not root: the server then runs as this process's user.
 * As root: the `postgres` system account, created when missing.
 */
export function serverAccount(): ServerAccount | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const found = lookUp(ACCOUNT);
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', ACCOUNT], {
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL cannot run as root and there is no "${ACCOUNT}" account to run ` +
        `it as (useradd failed: ${(error as Error).message.trim()}). Create one, run ClippyFront ` +
        'as another user, or set DATABASE_URL.',
      { cause: error },
    );
  }
  const created = lookUp(ACCOUNT);
  if (!created) throw new Error(`useradd ${ACCOUNT} succeeded but the account cannot be found`);
  return created;
}

function lookUp(name: string): ServerAccount | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** Every folder above `path` must let the account through, or the server cannot open it. */
export function assertReachable(path: string, account: ServerAccount, advice: string): void {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const { mode, uid, gid } = statSync(folder);
    const passes =
      uid === account.uid ? mode & 0o100 : gid === account.gid ? mode & 0o010 : mode & 0o001;
    if (!passes) {
      throw new Error(
        `The embedded PostgreSQL runs as the "${account.name}" account (it refuses root), which ` +
          `cannot enter ${folder} (mode ${(mode & 0o777).toString(8)}) to reach ${path}. ` +
          `${advice}, run ClippyFront as another user, or set DATABASE_URL.`,
      );
    }
    if (dirname(folder) === folder) return;
  }
}

export function chownTree(path: string, account: ServerAccount): void {
  lchownSync(path, account.uid, account.gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), account);
}
