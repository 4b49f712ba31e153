import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  CLIP_SOURCE_KINDS,
  type ClipSourceKind,
  type DiscordClipsPage,
  type DiscordMessagesQuery,
  type FoundClipDto,
  type TwitchClipsPage,
  type TwitchClipsQuery,
} from '@clippyfront/shared';

export const TWITCH_CLIP_SORTS = ['newest', 'views'] as const;
const TWITCH_LOGIN = /^[A-Za-z0-9_]{3,25}$/;
const SNOWFLAKE = /^\d{1,20}$/;

export class TwitchClipsQueryDto implements TwitchClipsQuery {
  @ApiPropertyOptional({
    pattern: TWITCH_LOGIN.source,
    description: "The broadcaster's login; default: the caller's profile twitchUsername",
  })
  @IsOptional()
  @Matches(TWITCH_LOGIN, { message: 'username must be a Twitch login name' })
  username?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'first must be a whole number from 1 to 100' })
  @Min(1, { message: 'first must be a whole number from 1 to 100' })
  @Max(100, { message: 'first must be a whole number from 1 to 100' })
  first?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Clips made at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startedAt must be an ISO 8601 date or date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Clips made before this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'endedAt must be an ISO 8601 date or date-time' })
  endedAt?: string;

  @ApiPropertyOptional({ description: "The previous page's cursor" })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'after must be a cursor from a previous page' })
  after?: string;

  @ApiPropertyOptional({
    enum: TWITCH_CLIP_SORTS,
    default: 'newest',
    description:
      'Helix pages clips by view count; newest sorts each page by date (narrow the period ' +
      'with startedAt/endedAt for a strictly newest-first list)',
  })
  @IsOptional()
  @IsIn(TWITCH_CLIP_SORTS, { message: `sort must be one of ${TWITCH_CLIP_SORTS.join(', ')}` })
  sort?: 'newest' | 'views';
}

export class DiscordMessagesQueryDto implements DiscordMessagesQuery {
  @ApiProperty({
    pattern: SNOWFLAKE.source,
    description: 'The channel id (Developer Mode → Copy ID)',
  })
  @Matches(SNOWFLAKE, { message: 'channelId must be a numeric Discord channel id' })
  channelId: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;

  @ApiPropertyOptional({ description: "A message id: older messages (the previous page's before)" })
  @IsOptional()
  @Matches(SNOWFLAKE, { message: 'before must be a numeric Discord message id' })
  before?: string;
}

export class FoundClipResponse implements FoundClipDto {
  @ApiProperty({ enum: CLIP_SOURCE_KINDS }) source: ClipSourceKind;
  @ApiProperty({ description: 'What the Clips step adds (POST /api/projects/:id/clips)' })
  url: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) creatorName: string | null;
  @ApiProperty({ type: Number, nullable: true }) viewCount: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) thumbnailUrl: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds: number | null;
}

class BroadcasterResponse {
  @ApiProperty() login: string;
  @ApiProperty() displayName: string;
}

export class TwitchClipsPageResponse implements TwitchClipsPage {
  @ApiProperty({ type: BroadcasterResponse }) broadcaster: BroadcasterResponse;
  @ApiProperty({ type: [FoundClipResponse] }) clips: FoundClipResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'after= for the next page' })
  cursor: string | null;
}

export class DiscordClipsPageResponse implements DiscordClipsPage {
  @ApiProperty({ type: [FoundClipResponse] }) clips: FoundClipResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'before= for older messages' })
  before: string | null;
}
