import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { HttpException, type Logger } from '@nestjs/common';
import { FileConfigstore, FileStore } from '@tus/file-store';
import type { ServerOptions } from '@tus/server';
import { tooLarge } from './media-files.repository.js';
import { describeTusError, type TusError, TusJsonServer } from './tus-upload.server.js';

export type TusRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

export const EXPIRE_AFTER_MS = 24 * 3_600_000;

/** tus throws plain {status_code, body} objects as well as Errors. */
export function tusErrorText(error: unknown): string {
  const { message, body } = (error ?? {}) as { message?: string; body?: string };
  return (message ?? body ?? String(error)).trim();
}

/**
 * An upload's .json info, replaced whole (write aside, then rename) so a reader in another
 * request or process never sees half a file.
 */
export class AtomicFileConfigstore extends FileConfigstore {
  override async set(key: string, value: Parameters<FileConfigstore['set']>[1]): Promise<void> {
    if (basename(key) !== key) throw new Error(`Invalid upload id ${key}`);
    const path = join(this.directory, `${key}.json`);
    const aside = join(this.directory, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(aside, JSON.stringify(value));
      await rename(aside, path);
    } finally {
      await rm(aside, { force: true });
    }
  }
}

export interface TusEndpointOptions {
  /** The FileStore's folder (created now: FileStore's own mkdir throws from a callback). */
  directory: string;
  logger: Logger;
  /** The server's options but its store and error hook, which the endpoint supplies. */
  server: Omit<ConstructorParameters<typeof TusJsonServer>[0], 'datastore' | 'onResponseError'>;
  /** The size limit of an upload once it exists (its id), or for one being created (null). */
  limitOf(id: string | null): Promise<number>;
  /**
   * Why a deferred-length upload went past the size its PATCH was allowed, when that was not
   * `limitOf` (e.g. a storage quota); undefined: 413 with `limitOf`.
   */
  exceeded?(req: TusRequest, id: string): Promise<HttpException | undefined>;
}

/**
 * A tus 1.0 endpoint with its FileStore: data only in PATCH requests (a creating POST with data
 * would finish an upload that @tus/server reads again after onUploadFinish, when it has been
 * moved away), errors as JSON, a 413 that says the limit, unfinished uploads removed a day
 * after they started (by removeExpired(), a periodic task).
 */
export class TusEndpoint {
  readonly store: FileStore;
  private readonly server: TusJsonServer;

  constructor(private readonly options: TusEndpointOptions) {
    mkdirSync(options.directory, { recursive: true });
    this.store = new FileStore({
      directory: options.directory,
      expirationPeriodInMilliseconds: EXPIRE_AFTER_MS,
      configstore: new AtomicFileConfigstore(options.directory),
    });
    this.store.extensions = this.store.extensions.filter((e) => e !== 'creation-with-upload');
    this.server = new TusJsonServer({
      ...options.server,
      datastore: this.store,
      onResponseError: (req, error) => this.describe(req, error),
    });
  }

  handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    return this.server.handle(request, response);
  }

  /** Removes unfinished uploads past their expiry; answers how many. */
  async removeExpired(): Promise<number> {
    try {
      return await this.server.cleanUpExpiredUploads();
    } catch (error) {
      // tus throws plain objects too: an Error that says why.
      throw new Error(tusErrorText(error), { cause: error });
    }
  }

  /** FileStore keeps an upload as <id> (the data) and <id>.json (its info). */
  dataPath(id: string): string {
    return join(this.store.directory, id);
  }

  async forget(id: string): Promise<void> {
    const path = this.dataPath(id);
    await Promise.all([rm(path, { force: true }), rm(`${path}.json`, { force: true })]);
  }

  /** tus's own 413 says the limit; a 5xx is logged with its cause. */
  private async describe(req: TusRequest, error: unknown): Promise<TusError> {
    const described = describeTusError(error);
    if (described.status_code === 413 && !(error instanceof HttpException)) {
      if (req.method === 'POST') {
        return { status_code: 413, body: tooLarge(await this.options.limitOf(null)) };
      }
      // A deferred-length upload past its limit can never finish: drop what it sent.
      const id = this.server.handlers.PATCH.getFileIdFromRequest(req);
      const info = id ? await this.store.configstore.get(id) : undefined;
      if (id && info && info.size === undefined) {
        const limit = await this.options.limitOf(id);
        const why = await this.options.exceeded?.(req, id);
        await this.forget(id);
        return why ? describeTusError(why) : { status_code: 413, body: tooLarge(limit) };
      }
    }
    if (described.status_code >= 500) {
      this.options.logger.error(
        `${req.method} ${new URL(req.url).pathname}: ${tusErrorText(error)}`,
        (error as Error).stack,
      );
    }
    return described;
  }
}
