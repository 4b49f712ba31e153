import { ApiProperty } from '@nestjs/swagger';
import { TIER_RESOLUTIONS, type TierResolution, type UsageDto } from '@clippyfront/shared';

export class UsageTierResponse implements NonNullable<UsageDto['tier']> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TIER_RESOLUTIONS }) maxResolution: TierResolution;
  @ApiProperty() maxFps: number;
  @ApiProperty({ type: Number, nullable: true }) maxClipsPerProject: number | null;
  @ApiProperty() watermark: boolean;
  @ApiProperty() unlimited: boolean;
  @ApiProperty() canSchedule: boolean;
  @ApiProperty() maxSchedulesPerUser: number;
}

export class StorageUsageResponse {
  @ApiProperty() usedBytes: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no limit' })
  limitBytes: number | null;
}

export class RenderUsageResponse {
  @ApiProperty({ description: 'Output seconds of compiles finished this UTC calendar month' })
  usedSecondsThisMonth: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no limit' })
  limitSeconds: number | null;
  @ApiProperty({ description: 'First instant of the next UTC month' })
  resetsAt: string;
}

export class UsageResponse implements UsageDto {
  @ApiProperty({
    type: UsageTierResponse,
    nullable: true,
    description: 'null: no tier (STORAGE_QUOTA applies, watermark on)',
  })
  tier: UsageTierResponse | null;
  @ApiProperty({ type: StorageUsageResponse }) storage: StorageUsageResponse;
  @ApiProperty({ type: RenderUsageResponse }) render: RenderUsageResponse;
}
