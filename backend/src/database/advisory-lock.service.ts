import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { KeyedLock } from '../common/keyed-lock.js';

/**
 * Connections that only hold locks. Apart from the app's pool, so a task holding a lock always
 * finds a connection for its own queries, however many wait for locks.
 */
const LOCK_CONNECTIONS = 4;

/**
 * Runs tasks one at a time per key across every API process on the database: a transaction on
 * a lock-only connection holds `pg_advisory_xact_lock(key)` while the task runs (its queries go
 * through the app's pool as usual). Within a process, tasks of one key queue in memory first, so
 * each key waits on at most one lock connection. A crashed process's locks end with its
 * connection.
 */
@Injectable()
export class AdvisoryLock implements OnApplicationShutdown {
  private readonly local = new KeyedLock();
  private pool: pg.Pool | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const client = await this.lockPool().connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
        return await task();
      } finally {
        await client.query('COMMIT').catch((error: Error) => (broken = error));
        client.release(broken);
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }

  private lockPool(): pg.Pool {
    if (this.pool) return this.pool;
    const { url } = this.dataSource.options as { url?: string };
    this.pool = new pg.Pool({ connectionString: url, max: LOCK_CONNECTIONS });
    // An idle lock connection dropped by the server must not crash the process.
    this.pool.on('error', () => undefined);
    return this.pool;
  }
}
