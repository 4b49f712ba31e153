import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import lockfile from 'proper-lockfile';

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another ClippyFront process. ` +
        'Stop it first, or give this one its own CLIPPY_INSTANCE_PATH (or a DATABASE_URL).',
    );
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

/**
 * A real PostgreSQL (PGlite) persisted in a folder and served on a loopback port, so the
 * ordinary `pg` driver and the same migrations work without installing a server. One process
 * at a time: two PGlite instances on one folder would corrupt it, so the folder is locked.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly unlock: () => Promise<void>,
    readonly url: string,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    let unlock: () => Promise<void>;
    try {
      unlock = await lockfile.lock(dataDir, {
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
    try {
      const db = await PGlite.create(dataDir);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
      await server.start();
      const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
      return new EmbeddedPostgres(db, server, unlock, url);
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    await this.unlock();
  }
}
