import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClipEntity } from '../clips/clip.entity.js';
import type { ClipAvatar, ClipAvatarLookup } from './clip-avatar-lookup.js';

/** The clips table, read for avatars only (the clips module owns and writes it). */
@Injectable()
export class ClipAvatarsRepository implements ClipAvatarLookup {
  constructor(@InjectRepository(ClipEntity) private readonly clips: Repository<ClipEntity>) {}

  async findAvatar(clipId: string): Promise<ClipAvatar | null> {
    const clip = await this.clips.findOne({
      where: { id: clipId },
      select: { id: true, ownerId: true, avatarPath: true, creatorName: true },
    });
    return clip
      ? { ownerId: clip.ownerId, avatarPath: clip.avatarPath, creatorName: clip.creatorName }
      : null;
  }

  async referencedAmong(fileNames: string[]): Promise<Set<string>> {
    if (!fileNames.length) return new Set();
    const rows = await this.clips
      .createQueryBuilder('clip')
      .select(`DISTINCT regexp_replace(clip.avatar_path, '^.*/', '')`, 'file')
      .where(`regexp_replace(clip.avatar_path, '^.*/', '') = ANY(:fileNames)`, { fileNames })
      .getRawMany<{ file: string }>();
    return new Set(rows.map((row) => row.file));
  }
}
