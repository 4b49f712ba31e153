import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MediaRepository } from './media.repository.js';

export interface StorageRoom {
  usedBytes: number;
  /** null: no quota. */
  limitBytes: number | null;
  /** null: no quota; never below 0. */
  remainingBytes: number | null;
}

/** 403 with the numbers, as the original answered an upload over the quota. */
export class StorageQuotaExceededException extends ForbiddenException {
  constructor(room: StorageRoom, incomingBytes: number) {
    super({
      message:
        `Storage quota exceeded: this needs ${incomingBytes} bytes and ${room.remainingBytes} ` +
        `of your ${room.limitBytes} bytes are left`,
      remainingBytes: room.remainingBytes,
      limitBytes: room.limitBytes,
    });
  }
}

/**
 * Per-user storage quota: STORAGE_QUOTA for every user until tiers set their own. Checked
 * before bytes are sent where the size is known (tus Upload-Length, download size cap) and
 * again when a file enters the library.
 */
@Injectable()
export class StorageQuotaService {
  constructor(
    private readonly media: MediaRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  limitFor(_ownerId: string): number | null {
    return this.config.storageQuotaBytes;
  }

  async room(ownerId: string): Promise<StorageRoom> {
    const { usedBytes } = await this.media.usage(ownerId);
    const limitBytes = this.limitFor(ownerId);
    const remainingBytes = limitBytes === null ? null : Math.max(0, limitBytes - usedBytes);
    return { usedBytes, limitBytes, remainingBytes };
  }

  /** Refuses (403) when `incomingBytes` more would not fit. */
  async assertRoom(ownerId: string, incomingBytes: number): Promise<void> {
    const room = await this.room(ownerId);
    if (room.remainingBytes !== null && incomingBytes > room.remainingBytes) {
      throw new StorageQuotaExceededException(room, incomingBytes);
    }
  }
}
