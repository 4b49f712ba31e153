import { BadRequestException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type {
  MediaBulkResultDto,
  MediaDto,
  MediaListDto,
  MediaType,
  MediaUsageDto,
} from '@clippyfront/shared';
import { ANY_OWNER, notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { fileSha256 } from './file-hash.js';
import type { MediaBulkBody, UpdateMediaBody } from './media.dto.js';
import { normalizeTags } from './media.dto.js';
import type { MediaEntity } from './media.entity.js';
import { MediaFilesRepository } from './media-files.repository.js';
import { MediaInspector } from './media-inspector.js';
import { MediaRepository, type MediaAlongside, type MediaFilter } from './media.repository.js';
import { MediaThumbnailsService } from './media-thumbnails.service.js';
import { StorageQuotaService } from './storage-quota.service.js';

export interface ReceivedUpload {
  tmpPath: string;
  size: number;
  fileName: string;
  fields: { type?: MediaType; tags?: string[]; name?: string };
  /** The tus upload this file finishes: its own reservation is not counted against it. */
  tusUploadId?: string;
  /** The new media's id, chosen by the caller (the ingest importer's claim); else generated. */
  mediaId?: string;
  /** Rows saved in the media row's transaction (the ingest importer's compilation and mark). */
  alongside?: MediaAlongside;
}

export function toMediaDto(media: MediaEntity): MediaDto {
  return {
    id: media.id,
    name: media.name,
    type: media.type,
    mimeType: media.mimeType,
    sizeBytes: media.sizeBytes,
    tags: media.tags,
    durationSeconds: media.durationSeconds,
    width: media.width,
    height: media.height,
    fps: media.fps,
    videoCodec: media.videoCodec,
    audioCodec: media.audioCodec,
    hasAudio: media.hasAudio,
    hasThumbnail: !!media.thumbnailPath,
    createdAt: media.createdAt.toISOString(),
    updatedAt: media.updatedAt.toISOString(),
  };
}

/** The library's rules: what a file must be to enter it, and who may see or change it. */
@Injectable()
export class MediaService {
  constructor(
    private readonly media: MediaRepository,
    private readonly files: MediaFilesRepository,
    private readonly inspector: MediaInspector,
    private readonly thumbnails: MediaThumbnailsService,
    private readonly quota: StorageQuotaService,
  ) {}

  /** Accepts a received upload (a temporary file) into the library, or refuses it. */
  async ingest(ownerId: string, upload: ReceivedUpload): Promise<MediaEntity> {
    const { tmpPath, size, fields } = upload;
    try {
      if (size === 0) throw new BadRequestException('The file is empty');
      await this.quota.assertRoom(ownerId, size, upload.tusUploadId);
      const { mime, kind, metadata } = await this.inspector.inspect(tmpPath);
      const type = fields.type ?? (kind === 'image' ? 'image' : 'clip');
      if ((type === 'image') !== (kind === 'image')) {
        throw new BadRequestException(
          `A ${kind} file cannot be of type "${type}"${kind === 'image' ? ' (use "image")' : ''}`,
        );
      }
      const contentSha256 = await fileSha256(tmpPath);
      const path = await this.files.store(tmpPath, ownerId, type, upload.fileName);
      // A row that cannot be saved must not leave its file behind.
      const media = await this.media
        .create(
          {
            ...(upload.mediaId && { id: upload.mediaId }),
            ownerId,
            name: (fields.name ?? upload.fileName).slice(0, 200) || 'untitled',
            type,
            mimeType: mime,
            sizeBytes: size,
            path,
            tags: normalizeTags(fields.tags ?? []),
            thumbnailPath: null,
            contentSha256,
            ...metadata,
          },
          upload.alongside,
        )
        .catch(async (error: unknown) => {
          await this.files.remove(path);
          throw error;
        });
      await this.thumbnails.request(media);
      return media;
    } finally {
      await this.files.discard(tmpPath);
    }
  }

  async list(filter: MediaFilter): Promise<MediaListDto> {
    const [rows, total] = await this.media.list(filter);
    return { items: rows.map(toMediaDto), total };
  }

  async get(id: string, scope: OwnerScope): Promise<MediaEntity> {
    return notFoundUnlessOwned(await this.media.findById(id), scope, `Media ${id}`);
  }

  /**
   * The content hashes of these media, by id; one stored before the hash was kept is taken now
   * (and kept). A media whose file cannot be read has none.
   */
  async contentHashes(ids: string[]): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (const media of await this.media.findMany(ids, ANY_OWNER)) {
      let hash = media.contentSha256;
      if (!hash) {
        hash = await fileSha256(this.runtimePath(media)).catch(() => null);
        if (hash) await this.media.setContentHash(media.id, hash);
      }
      if (hash) hashes.set(media.id, hash);
    }
    return hashes;
  }

  runtimePath(media: MediaEntity): string {
    return this.files.runtimePath(media.path);
  }

  thumbnailPath(media: MediaEntity): string | null {
    return media.thumbnailPath ? this.files.runtimePath(media.thumbnailPath) : null;
  }

  async update(id: string, scope: OwnerScope, body: UpdateMediaBody): Promise<MediaEntity> {
    const media = await this.get(id, scope);
    await this.applyChanges(media, {
      name: body.name,
      type: body.type,
      tags: body.tags && normalizeTags(body.tags),
    });
    return this.get(id, scope);
  }

  private async applyChanges(
    media: MediaEntity,
    changes: { name?: string; type?: MediaType; tags?: string[] },
  ): Promise<void> {
    const update: Partial<MediaEntity> = {};
    if (changes.name !== undefined) update.name = changes.name;
    if (changes.tags !== undefined) update.tags = changes.tags;
    if (changes.type !== undefined && changes.type !== media.type) {
      if ((changes.type === 'image') !== (media.type === 'image')) {
        throw new BadRequestException(
          `"${media.name}" cannot change from ${media.type} to ${changes.type}`,
        );
      }
      update.type = changes.type;
      update.path = await this.files.move(media.path, media.ownerId, changes.type);
    }
    if (!Object.keys(update).length) return;
    try {
      await this.media.update(media.id, update);
    } catch (error) {
      // The row still names the old place: put the file back there.
      if (update.path) await this.files.moveBack(update.path, media.path);
      throw error;
    }
  }

  async delete(id: string, scope: OwnerScope): Promise<void> {
    const media = await this.get(id, scope);
    await this.media.delete([media.id]);
    await this.files.remove(media.path);
    await this.files.remove(media.thumbnailPath);
  }

  /** All ids must be the caller's; otherwise nothing happens and the answer is 404. */
  async bulk(body: MediaBulkBody, scope: OwnerScope): Promise<MediaBulkResultDto> {
    const found = await this.media.findMany(body.ids, scope);
    if (found.length !== body.ids.length) {
      const known = new Set(found.map((m) => m.id));
      const missing = body.ids.filter((id) => !known.has(id));
      throw new HttpException(
        `Media not found: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
        HttpStatus.NOT_FOUND,
      );
    }
    if (body.action === 'delete') {
      await this.media.delete(found.map((m) => m.id));
      for (const media of found) {
        await this.files.remove(media.path);
        await this.files.remove(media.thumbnailPath);
      }
    } else if (body.action === 'setType') {
      const type = body.type!;
      const impossible = found.find((m) => (type === 'image') !== (m.type === 'image'));
      if (impossible) {
        throw new BadRequestException(`"${impossible.name}" cannot become ${type}`);
      }
      for (const media of found) await this.applyChanges(media, { type });
    } else {
      const tags = normalizeTags(body.tags ?? []);
      for (const media of found) {
        const next =
          body.action === 'setTags' ? tags : normalizeTags([...media.tags, ...tags]).slice(0, 20);
        await this.applyChanges(media, { tags: next });
      }
    }
    return { action: body.action, affected: found.length };
  }

  /** What the caller's library occupies, and the quota (null: none). */
  async usage(ownerId: string): Promise<MediaUsageDto> {
    return { ...(await this.media.usage(ownerId)), quotaBytes: await this.quota.limitFor(ownerId) };
  }
}
