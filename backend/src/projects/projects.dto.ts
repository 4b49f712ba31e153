import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  OUTPUT_FORMATS,
  OUTPUT_FPS,
  OUTPUT_RESOLUTIONS,
  PROJECT_RULES,
  type CreateProjectRequest,
  type OutputFormat,
  type OutputResolution,
  type ProjectDto,
  type ProjectListDto,
  type ProjectOutputSettings,
} from '@clippyfront/shared';
import { OptionalNotNull } from '../common/optional-not-null.js';
import { PaginationQuery } from '../common/pagination.dto.js';

type Fps = ProjectOutputSettings['fps'];
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Any subset of the output settings; the rest stays as it was (or the default). */
export class OutputSettingsBody implements Partial<ProjectOutputSettings> {
  @ApiPropertyOptional({ enum: OUTPUT_RESOLUTIONS })
  @OptionalNotNull()
  @IsIn(OUTPUT_RESOLUTIONS)
  resolution?: OutputResolution;

  @ApiPropertyOptional({ enum: OUTPUT_FORMATS })
  @OptionalNotNull()
  @IsIn(OUTPUT_FORMATS)
  format?: OutputFormat;

  @ApiPropertyOptional({ enum: OUTPUT_FPS, type: Number })
  @OptionalNotNull()
  @IsIn(OUTPUT_FPS)
  fps?: Fps;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: PROJECT_RULES.maxClipSecondsLimit,
    description: 'Longer clips are cut to this when compiled',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(PROJECT_RULES.maxClipSecondsLimit)
  maxClipSeconds?: number;
}

export class CreateProjectBody implements CreateProjectRequest {
  @ApiPropertyOptional({
    maxLength: PROJECT_RULES.nameMaxLength,
    description: 'Blank or missing: "Compilation of YYYY-MM-DD" (UTC)',
  })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(PROJECT_RULES.nameMaxLength)
  name?: string;

  @ApiPropertyOptional({ maxLength: PROJECT_RULES.descriptionMaxLength })
  @OptionalNotNull()
  @IsString()
  @MaxLength(PROJECT_RULES.descriptionMaxLength)
  description?: string;

  @ApiPropertyOptional({ type: OutputSettingsBody })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => OutputSettingsBody)
  output?: OutputSettingsBody;
}

/** Only what is sent changes; a blank name becomes the default name again. */
export class UpdateProjectBody extends CreateProjectBody {}

export class ListProjectsQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: 'Text in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OutputSettingsResponse implements ProjectOutputSettings {
  @ApiProperty({ enum: OUTPUT_RESOLUTIONS }) resolution: OutputResolution;
  @ApiProperty({ enum: OUTPUT_FORMATS }) format: OutputFormat;
  @ApiProperty({ enum: OUTPUT_FPS, type: Number }) fps: Fps;
  @ApiProperty() maxClipSeconds: number;
}

export class ProjectResponse implements ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: OutputSettingsResponse }) output: OutputSettingsResponse;
  @ApiProperty() clipCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ProjectListResponse implements ProjectListDto {
  @ApiProperty({ type: [ProjectResponse] }) items: ProjectResponse[];
  @ApiProperty() total: number;
}
