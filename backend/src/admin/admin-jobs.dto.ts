import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  JOB_KIND_NAMES,
  type JobKind,
  type RetryFailedJobsDto,
  type RetryFailedJobsRequest,
} from '@clippyfront/shared';

export class RetryFailedJobsBody implements RetryFailedJobsRequest {
  @ApiPropertyOptional({ enum: JOB_KIND_NAMES })
  @IsOptional()
  @IsIn(JOB_KIND_NAMES)
  kind?: JobKind;

  @ApiPropertyOptional({ description: "The owner's username" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  owner?: string;
}

export class RetryFailedJobsResponse implements RetryFailedJobsDto {
  @ApiProperty() retried: number;
  @ApiProperty({ description: 'Left failed: the owner is at a job cap, or the job changed' })
  skipped: number;
  @ApiProperty({ type: [String] }) problems: string[];
}
