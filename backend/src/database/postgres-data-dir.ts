import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { chownTree, type ServerAccount } from './server-account.js';

/** Written into every data folder this code initialises; a PostgreSQL folder without it is PGlite's. */
const MARKER = 'clippyfront-server.json';
export const SOCKET_PORT = 5432;

export type DataDirState = 'empty' | 'server' | 'pglite';

export function inspectDataDir(dataDir: string): DataDirState {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return 'empty';
  if (existsSync(join(dataDir, MARKER))) return 'server';
  if (existsSync(join(dataDir, 'PG_VERSION'))) return 'pglite';
  throw new Error(
    `${dataDir} is neither empty nor a database folder; move it away or set DATABASE_URL`,
  );
}

/** initdb into a side folder, renamed into place at the end: a crash never leaves half a cluster. */
export async function initialiseDataDir(
  initdb: string,
  dataDir: string,
  account: ServerAccount | undefined,
): Promise<void> {
  const building = `${dataDir}.initdb`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { mode: 0o700 });
  if (account) chownSync(building, account.uid, account.gid);
  await run(
    initdb,
    [
      `--pgdata=${building}`,
      '--username=postgres',
      '--auth-local=peer',
      '--auth-host=reject',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ],
    account,
  );
  writeFileSync(join(building, MARKER), JSON.stringify({ initialisedAt: new Date() }) + '\n');
  if (account) chownTree(building, account);
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
}

/**
 * Only this process's OS user may connect, and only over the Unix socket: peer authentication
 * maps it to the `postgres` role; TCP is off (`listen_addresses=''`). Rewritten at each start.
 */
export function writeAccessRules(dataDir: string, account: ServerAccount | undefined): void {
  const rules: [string, string][] = [
    ['pg_hba.conf', 'local all postgres peer map=clippyfront\n'],
    ['pg_ident.conf', `clippyfront ${userInfo().username} postgres\n`],
  ];
  for (const [name, text] of rules) {
    const file = join(dataDir, name);
    writeFileSync(file, `# Written by ClippyFront at each start; edits are lost.\n${text}`, {
      mode: 0o600,
    });
    if (account) chownSync(file, account.uid, account.gid);
  }
}

/**
 * A 0700 folder owned by the server's account for the socket: `<instance>/run/postgres`, or a
 * private temporary folder when that path is too long for a socket address (107 bytes).
 */
export function socketDir(
  dataDir: string,
  account: ServerAccount | undefined,
): { path: string; temporary: boolean } {
  const preferred = join(dirname(dataDir), 'run', 'postgres');
  const temporary = Buffer.byteLength(join(preferred, `.s.PGSQL.${SOCKET_PORT}`)) > 100;
  const path = temporary ? mkdtempSync(join(tmpdir(), 'clippyfront-pg-')) : preferred;
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) mkdirSync(path, { mode: 0o700 });
  chmodSync(path, 0o700);
  if (account && statSync(path).uid !== account.uid) chownSync(path, account.uid, account.gid);
  return { path, temporary };
}

/** Not this process's environment: it holds secrets, and the server may run as another account. */
export function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LC_ALL: 'C', ...(process.env.TZ && { TZ: process.env.TZ }) };
}

function run(file: string, args: string[], account: ServerAccount | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...(account && { uid: account.uid, gid: account.gid }),
      cwd: tmpdir(),
      env: serverEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`initdb failed (exit ${code}): ${output.trim() || 'no output'}`)),
    );
  });
}
