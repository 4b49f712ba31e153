import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import {
  CLIP_REJECTIONS,
  CLIP_SOURCES,
  CLIP_STATES,
  PROJECT_RULES,
  type AddClipsRequest,
  type AddClipsResponse,
  type ClipDto,
  type ClipListDto,
  type ClipRejection,
  type ClipSource,
  type ClipState,
} from '@clippyfront/shared';

export class AddClipsBody implements AddClipsRequest {
  @ApiProperty({
    type: [String],
    maxItems: PROJECT_RULES.maxUrlsPerRequest,
    example: ['https://clips.twitch.tv/FunnyCleverSnail-AbC123'],
    description:
      'Twitch clip links and Discord attachment links (others only with ALLOW_EXTERNAL_URLS)',
  })
  @IsArray()
  @ArrayMaxSize(PROJECT_RULES.maxUrlsPerRequest)
  @IsString({ each: true })
  urls: string[];
}

export class ClipResponse implements ClipDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ description: 'What is downloaded' }) sourceUrl: string;
  @ApiProperty({ description: 'The dedup key' }) normalizedUrl: string;
  @ApiProperty({ enum: CLIP_SOURCES }) source: ClipSource;
  @ApiProperty({ enum: CLIP_STATES }) state: ClipState;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ description: 'Ready at once with media downloaded before' }) reused: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) mediaId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) jobId: string | null;
  @ApiProperty() hasThumbnail: boolean;
  @ApiProperty() hasAvatar: boolean;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) creatorName: string | null;
  @ApiProperty({ type: String, nullable: true }) creatorId: string | null;
  @ApiProperty({ type: String, nullable: true }) broadcasterName: string | null;
  @ApiProperty({ type: String, nullable: true }) gameName: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true }) viewCount: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  clipCreatedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ClipListResponse implements ClipListDto {
  @ApiProperty({ type: [ClipResponse] }) items: ClipResponse[];
}

export class RejectedClipUrlResponse {
  @ApiProperty({ description: 'As sent' }) url: string;
  @ApiProperty({ enum: CLIP_REJECTIONS }) reason: ClipRejection;
  @ApiProperty({ example: 'Only Twitch clips and Discord attachments are accepted on this server' })
  message: string;
}

export class AddClipsResponseBody implements AddClipsResponse {
  @ApiProperty({ type: [ClipResponse] }) accepted: ClipResponse[];
  @ApiProperty({ type: [RejectedClipUrlResponse] }) rejected: RejectedClipUrlResponse[];
}

/** The 400 when no URL was accepted: the usual error, plus the rejected list. */
export class ClipsRejectedResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'No clip was added: https://example.com/a.mp4 — Only Twitch…' })
  message: string;
  @ApiProperty({ type: [RejectedClipUrlResponse] }) rejected: RejectedClipUrlResponse[];
}
