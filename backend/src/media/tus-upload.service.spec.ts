import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { loadAppConfig } from '../config/app-config.js';
import type { MediaService } from './media.service.js';
import type { AdvisoryLock } from '../database/advisory-lock.service.js';
import type { StorageQuotaService } from './storage-quota.service.js';
import type { TusCreationLimiter } from './tus-creation-limiter.js';
import { TusReservations } from './tus-reservations.js';
import { TusUploadService } from './tus-upload.service.js';

const DAY_MS = 24 * 3_600_000;

describe('TusUploadService expiry', () => {
  let instance: string;
  let folder: string;
  let service: TusUploadService;

  /** An upload as FileStore keeps it: the data file and its .json info. */
  function storedUpload(id: string, ageMs: number, size?: number) {
    writeFileSync(join(folder, id), Buffer.alloc(10));
    const info = { id, size, offset: 0, metadata: {}, creation_date: new Date(Date.now() - ageMs) };
    writeFileSync(join(folder, `${id}.json`), JSON.stringify(info));
  }
  const filesOf = (id: string) => [id, `${id}.json`].filter((f) => existsSync(join(folder, f)));

  beforeAll(async () => {
    Logger.overrideLogger(false);
    instance = mkdtempSync(join(tmpdir(), 'clippyfront-tus-'));
    folder = join(instance, 'tmp', 'tus');
    const config = loadAppConfig({ CLIPPY_INSTANCE_PATH: instance });
    service = new TusUploadService(
      {} as MediaService,
      {} as StorageQuotaService,
      new TusReservations(config),
      {} as TusCreationLimiter,
      {} as AdvisoryLock,
      config,
    );
    // Lets FileStore's own (callback) mkdir finish before any test touches the folder.
    await service.removeExpired();
  });

  afterAll(() => {
    rmSync(instance, { recursive: true, force: true });
  });

  it('creates its folder under <instance>/tmp/tus', () => {
    expect(existsSync(folder)).toBe(true);
  });

  it('removes unfinished uploads older than a day, data and info, and keeps the others', async () => {
    storedUpload('old', DAY_MS + 60_000, 100);
    storedUpload('oldDeferred', 2 * DAY_MS);
    storedUpload('fresh', DAY_MS - 60_000, 100);
    expect(await service.removeExpired()).toBe(2);
    expect(filesOf('old')).toEqual([]);
    expect(filesOf('oldDeferred')).toEqual([]);
    expect(filesOf('fresh')).toEqual(['fresh', 'fresh.json']);
  });

  it('rejects with a readable reason when the sweep fails (the periodic task logs it)', async () => {
    rmSync(folder, { recursive: true });
    await expect(service.removeExpired()).rejects.toThrow(/ENOENT/);
  });
});
