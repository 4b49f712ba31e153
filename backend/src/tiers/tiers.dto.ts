import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  TIER_RESOLUTIONS,
  TIER_RULES,
  type CreateTierRequest,
  type TierDto,
  type TierResolution,
  type UpdateTierRequest,
} from '@clippyfront/shared';
import { OptionalNotNull } from '../common/optional-not-null.js';

const INT_MAX = 2 ** 31 - 1;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Every field but the name; missing fields keep their value (or the default). */
class TierFieldsBody {
  @ApiPropertyOptional({ maxLength: TIER_RULES.descriptionMaxLength })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(TIER_RULES.descriptionMaxLength)
  description?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: STORAGE_QUOTA applies' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  storageLimitBytes?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: no limit' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  monthlyRenderSeconds?: number | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  watermark?: boolean;

  @ApiPropertyOptional({ description: 'No storage or render limit and no watermark' })
  @OptionalNotNull()
  @IsBoolean()
  unlimited?: boolean;

  @ApiPropertyOptional({ description: 'Inactive: users keep it; not assignable or default' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: TIER_RESOLUTIONS })
  @OptionalNotNull()
  @IsIn(TIER_RESOLUTIONS)
  maxResolution?: TierResolution;

  @ApiPropertyOptional({ minimum: 1, maximum: TIER_RULES.maxFpsMax })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(TIER_RULES.maxFpsMax)
  maxFps?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: no cap' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT_MAX)
  maxClipsPerProject?: number | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  canSchedule?: boolean;

  @ApiPropertyOptional({ minimum: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  maxSchedulesPerUser?: number;

  @ApiPropertyOptional({ description: 'true: new users get it; the flag leaves the others' })
  @OptionalNotNull()
  @IsBoolean()
  isDefault?: boolean;
}

export class CreateTierBody extends TierFieldsBody implements CreateTierRequest {
  @ApiProperty({ maxLength: TIER_RULES.nameMaxLength })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(TIER_RULES.nameMaxLength)
  name: string;
}

export class UpdateTierBody extends TierFieldsBody implements UpdateTierRequest {
  @ApiPropertyOptional({ maxLength: TIER_RULES.nameMaxLength })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(TIER_RULES.nameMaxLength)
  name?: string;
}

export class TierResponse implements TierDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: Number, nullable: true }) storageLimitBytes: number | null;
  @ApiProperty({ type: Number, nullable: true }) monthlyRenderSeconds: number | null;
  @ApiProperty() watermark: boolean;
  @ApiProperty() unlimited: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: TIER_RESOLUTIONS }) maxResolution: TierResolution;
  @ApiProperty() maxFps: number;
  @ApiProperty({ type: Number, nullable: true }) maxClipsPerProject: number | null;
  @ApiProperty() canSchedule: boolean;
  @ApiProperty() maxSchedulesPerUser: number;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ description: 'How many users have this tier' }) userCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
