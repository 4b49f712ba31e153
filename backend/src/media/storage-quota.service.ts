import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { storageLimitOf } from '../tiers/tier-limits.js';
import { TiersRepository } from '../tiers/tiers.repository.js';
import { MediaRepository } from './media.repository.js';
import { TusReservations } from './tus-reservations.js';

export interface StorageRoom {
  usedBytes: number;
  /** What the owner's unfinished tus uploads hold back (0 without a quota: not counted). */
  reservedBytes: number;
  /** null: no quota. */
  limitBytes: number | null;
  /** null: no quota; never below 0. */
  remainingBytes: number | null;
}

/** 403 with the numbers, as the original answered an upload over the quota. */
export class StorageQuotaExceededException extends ForbiddenException {
  /** `incomingBytes` null: a stream went past the room, its full size unknown. */
  constructor(room: StorageRoom, incomingBytes: number | null) {
    const needs =
      incomingBytes === null
        ? 'the upload went past the room left:'
        : `this needs ${incomingBytes} bytes and`;
    const held = room.reservedBytes ? ` (unfinished uploads hold ${room.reservedBytes})` : '';
    super({
      message:
        `Storage quota exceeded: ${needs} ${room.remainingBytes} ` +
        `of your ${room.limitBytes} bytes are left${held}`,
      remainingBytes: room.remainingBytes,
      limitBytes: room.limitBytes,
    });
  }
}

/**
 * Per-user storage quota: the user's tier decides (see `storageLimitOf`), read on every check so
 * a tier change applies to the next request. The room is the limit less the library and what
 * unfinished tus uploads reserve. Checked before bytes are sent where the size is known (tus
 * Upload-Length, multipart Content-Length, download size cap), as a tus upload of unknown length
 * grows, and again when a file enters the library.
 */
@Injectable()
export class StorageQuotaService {
  constructor(
    private readonly media: MediaRepository,
    private readonly reservations: TusReservations,
    private readonly tiers: TiersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** null: no limit. The one place the storage limit of a user is decided. */
  async limitFor(ownerId: string): Promise<number | null> {
    return storageLimitOf(await this.tiers.tierOfUser(ownerId), this.config.storageQuotaBytes);
  }

  /** `exceptUpload`: a tus upload whose own reservation is what is being checked. */
  async room(ownerId: string, exceptUpload?: string): Promise<StorageRoom> {
    const { usedBytes } = await this.media.usage(ownerId);
    const limitBytes = await this.limitFor(ownerId);
    if (limitBytes === null) {
      return { usedBytes, reservedBytes: 0, limitBytes, remainingBytes: null };
    }
    const reservedBytes = await this.reservations.reservedBytes(ownerId, exceptUpload);
    const remainingBytes = Math.max(0, limitBytes - usedBytes - reservedBytes);
    return { usedBytes, reservedBytes, limitBytes, remainingBytes };
  }

  /** Refuses (403) when `incomingBytes` more would not fit. */
  async assertRoom(ownerId: string, incomingBytes: number, exceptUpload?: string): Promise<void> {
    const room = await this.room(ownerId, exceptUpload);
    if (!fits(room, incomingBytes)) throw new StorageQuotaExceededException(room, incomingBytes);
  }
}

export const fits = (room: StorageRoom, bytes: number) =>
  room.remainingBytes === null || bytes <= room.remainingBytes;
