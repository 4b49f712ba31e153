import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Upload } from '@tus/server';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AtomicFileConfigstore, EXPIRE_AFTER_MS } from './tus-endpoint.js';

/** Set by the server at creation, never taken from the client. */
export const OWNER_KEY = 'clippy-owner';
/** What a deferred-length upload may reach by the end of the PATCH now running. */
const CLAIM_KEY = 'clippy-claim';

export interface OpenUpload {
  id: string;
  /** Its declared length; for a deferred length, the bytes received or claimed by a PATCH. */
  reservedBytes: number;
}

/** A user's uploads are named after them, so theirs are found by name among everyone's. */
const prefixOf = (ownerId: string) => ownerId.replaceAll('-', '').toLowerCase();

export const newUploadId = (ownerId: string) => prefixOf(ownerId) + randomBytes(16).toString('hex');

/**
 * The unfinished tus uploads in <instance>/tmp/tus, as the storage quota counts them: each
 * reserves its declared length, or, for a deferred length, what it holds (or may hold by the
 * end of its current PATCH). Read from the folder every API process shares; callers that
 * check and then reserve hold the owner's lock (TusUploadService).
 */
@Injectable()
export class TusReservations {
  readonly directory: string;
  readonly infos: AtomicFileConfigstore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.directory = join(config.paths.instance, 'tmp', 'tus');
    this.infos = new AtomicFileConfigstore(this.directory);
  }

  /** The owner's open uploads; expired ones found on the way are removed, not counted. */
  async open(ownerId: string): Promise<OpenUpload[]> {
    const prefix = prefixOf(ownerId);
    const names = await readdir(this.directory).catch(() => [] as string[]);
    const ids = names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
    const uploads = await Promise.all(ids.map((id) => this.reservationOf(id, ownerId)));
    return uploads.filter((upload) => upload !== undefined);
  }

  async reservedBytes(ownerId: string, exceptUploadId?: string): Promise<number> {
    return (await this.open(ownerId))
      .filter((upload) => upload.id !== exceptUploadId)
      .reduce((sum, upload) => sum + upload.reservedBytes, 0);
  }

  /** Sets (or, with undefined, drops) what a deferred-length upload's PATCH may reach. */
  async claim(id: string, bytes: number | undefined): Promise<void> {
    const info = await this.infos.get(id);
    if (!info) return;
    const metadata = { ...info.metadata };
    if (bytes === undefined) delete metadata[CLAIM_KEY];
    else metadata[CLAIM_KEY] = String(bytes);
    await this.infos.set(id, { ...info, metadata } as Upload);
  }

  private async reservationOf(id: string, ownerId: string): Promise<OpenUpload | undefined> {
    const info = await this.infos.get(id);
    if (info?.metadata?.[OWNER_KEY] !== ownerId) return undefined;
    const dataPath = join(this.directory, id);
    const created = info.creation_date ? Date.parse(info.creation_date) : Date.now();
    if (created + EXPIRE_AFTER_MS < Date.now()) {
      await Promise.all([rm(dataPath, { force: true }), rm(`${dataPath}.json`, { force: true })]);
      return undefined;
    }
    if (info.size !== undefined && info.size !== null) return { id, reservedBytes: info.size };
    const received = await stat(dataPath).then(
      (stats) => stats.size,
      () => 0,
    );
    const claimed = Number(info.metadata[CLAIM_KEY] ?? 0) || 0;
    return { id, reservedBytes: Math.max(received, claimed) };
  }
}
