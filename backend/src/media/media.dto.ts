import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  MEDIA_BULK_ACTIONS,
  MEDIA_RULES,
  MEDIA_SORTS,
  MEDIA_TYPES,
  type MediaBulkAction,
  type MediaBulkRequest,
  type MediaDto,
  type MediaListDto,
  type MediaUsageDto,
  type MediaSort,
  type MediaType,
  type UpdateMediaRequest,
} from '@clippyfront/shared';
import { OptionalNotNull } from '../common/optional-not-null.js';
import { PaginationQuery } from '../common/pagination.dto.js';

export const TAG = new RegExp(MEDIA_RULES.tagPattern, 'u');
const tagMessage = { each: true, message: 'each tag must be 1-32 letters, digits, spaces, _ . -' };

/** Tags: trimmed, lower-cased, duplicates folded. */
export const normalizeTags = (tags: string[]) => [
  ...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean)),
];

export class ListMediaQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: MEDIA_TYPES })
  @IsOptional()
  @IsIn(MEDIA_TYPES)
  type?: MediaType;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(TAG, { message: 'tag must be 1-32 letters, digits, spaces, _ . -' })
  tag?: string;

  @ApiPropertyOptional({ description: 'Text in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: MEDIA_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(MEDIA_SORTS)
  sort: MediaSort = 'newest';
}

export class UpdateMediaBody implements UpdateMediaRequest {
  @ApiPropertyOptional({ maxLength: MEDIA_RULES.nameMaxLength })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(MEDIA_RULES.nameMaxLength)
  name?: string;

  @ApiPropertyOptional({ enum: MEDIA_TYPES })
  @OptionalNotNull()
  @IsIn(MEDIA_TYPES)
  type?: MediaType;

  @ApiPropertyOptional({ type: [String], maxItems: MEDIA_RULES.maxTags })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MEDIA_RULES.maxTags)
  @IsString({ each: true })
  @Matches(TAG, tagMessage)
  tags?: string[];
}

export class MediaBulkBody implements MediaBulkRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiProperty({ enum: MEDIA_BULK_ACTIONS })
  @IsIn(MEDIA_BULK_ACTIONS)
  action: MediaBulkAction;

  @ApiPropertyOptional({ enum: MEDIA_TYPES, description: 'For setType' })
  @ValidateIf((body: MediaBulkBody) => body.action === 'setType' || body.type !== undefined)
  @IsIn(MEDIA_TYPES)
  type?: MediaType;

  @ApiPropertyOptional({ type: [String], description: 'For setTags and addTags' })
  @ValidateIf(
    (body: MediaBulkBody) =>
      body.action === 'setTags' || body.action === 'addTags' || body.tags !== undefined,
  )
  @IsArray()
  @ArrayMaxSize(MEDIA_RULES.maxTags)
  @IsString({ each: true })
  @Matches(TAG, tagMessage)
  tags?: string[];
}

export class MediaResponse implements MediaDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MEDIA_TYPES }) type: MediaType;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: Number, nullable: true }) durationSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true }) width: number | null;
  @ApiProperty({ type: Number, nullable: true }) height: number | null;
  @ApiProperty({ type: Number, nullable: true }) fps: number | null;
  @ApiProperty({ type: String, nullable: true }) videoCodec: string | null;
  @ApiProperty({ type: String, nullable: true }) audioCodec: string | null;
  @ApiProperty() hasAudio: boolean;
  @ApiProperty() hasThumbnail: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MediaListResponse implements MediaListDto {
  @ApiProperty({ type: [MediaResponse] }) items: MediaResponse[];
  @ApiProperty() total: number;
}

export class MediaBulkResponse {
  @ApiProperty({ enum: MEDIA_BULK_ACTIONS }) action: MediaBulkAction;
  @ApiProperty() affected: number;
}

export class MediaUsageResponse implements MediaUsageDto {
  @ApiProperty({ description: 'Bytes of all the caller’s media' }) usedBytes: number;
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no quota' })
  quotaBytes: number | null;
}
