import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ARTIFACT_STATES,
  COMPILATION_SOURCES,
  MAX_ARTIFACT_REPORTS,
  type ArtifactReportsRequest,
  type ArtifactReportsResponse,
  type ArtifactState,
  type CompilationArtifactDto,
  type CompilationImportDto,
  type CompilationSource,
  type JobArtifactReport,
  COMPILE_ENCODERS,
  COMPILE_FORMATS,
  COMPILE_FPS,
  COMPILE_QUALITIES,
  COMPILE_RESOLUTIONS,
  JOB_STATES,
  type CompilationDto,
  type CompilationListDto,
  type CompilationOutputDto,
  type CompileChapter,
  type CompileEncoder,
  type CompileFormat,
  type CompileFps,
  type CompileQuality,
  type CompileResolution,
  type CompileSettingsDto,
  type JobState,
  type StartCompileRequest,
} from '@clippyfront/shared';
import { MediaResponse } from '../media/media.dto.js';

const oneOf = (values: readonly (string | number)[]) => `must be one of: ${values.join(', ')}`;

export class StartCompileBody implements StartCompileRequest {
  @ApiPropertyOptional({ enum: COMPILE_RESOLUTIONS, description: 'Default: the project’s' })
  @IsOptional()
  @IsIn(COMPILE_RESOLUTIONS, { message: `resolution ${oneOf(COMPILE_RESOLUTIONS)}` })
  resolution?: CompileResolution;

  @ApiPropertyOptional({ enum: COMPILE_FPS, description: 'Default: the project’s' })
  @IsOptional()
  @IsIn(COMPILE_FPS, { message: `fps ${oneOf(COMPILE_FPS)}` })
  fps?: CompileFps;

  @ApiPropertyOptional({
    enum: COMPILE_FORMATS,
    description: 'mp4 and mkv: H.264 + AAC; webm: VP9 + Opus. Default: the project’s',
  })
  @IsOptional()
  @IsIn(COMPILE_FORMATS, { message: `format ${oneOf(COMPILE_FORMATS)}` })
  format?: CompileFormat;

  @ApiPropertyOptional({
    enum: COMPILE_QUALITIES,
    description: 'x264 CRF 18 (high), 23 (standard, the default), 28 (small)',
  })
  @IsOptional()
  @IsIn(COMPILE_QUALITIES, { message: `quality ${oneOf(COMPILE_QUALITIES)}` })
  quality?: CompileQuality;
}

class CompileSettingsResponse implements CompileSettingsDto {
  @ApiProperty({ enum: COMPILE_RESOLUTIONS }) resolution: CompileResolution;
  @ApiProperty({ enum: COMPILE_FPS }) fps: CompileFps;
  @ApiProperty({ enum: COMPILE_FORMATS }) format: CompileFormat;
  @ApiProperty({ enum: COMPILE_QUALITIES }) quality: CompileQuality;
}

class ChapterResponse implements CompileChapter {
  @ApiProperty() startSeconds: number;
  @ApiProperty({ example: 'Big play — creator' }) title: string;
}

class CompilationOutputResponse implements CompilationOutputDto {
  @ApiProperty() durationSeconds: number;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Wall time of the render; null: an import whose manifest does not say',
  })
  renderSeconds: number | null;
  @ApiProperty({ enum: COMPILE_ENCODERS, nullable: true }) encoder: CompileEncoder | null;
  @ApiProperty({ type: [ChapterResponse] }) chapters: ChapterResponse[];
  @ApiProperty({ description: 'YouTube-ready chapter lines ("00:00 Title — creator")' })
  chaptersText: string;
}

class CompilationArtifactResponse implements CompilationArtifactDto {
  @ApiProperty({ type: String, nullable: true, description: 'Directory under ARTIFACTS_DIR' })
  name: string | null;
  @ApiProperty({ enum: ARTIFACT_STATES }) state: ArtifactState;
  @ApiProperty({ format: 'date-time', description: 'When it reached this state' }) at: string;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, nullable: true }) worker: string | null;
}

class CompilationImportResponse implements CompilationImportDto {
  @ApiProperty({ description: 'The worker directory under INGEST_ROOT' }) workerId: string;
  @ApiProperty({ description: 'The artifact directory' }) artifact: string;
  @ApiProperty({ description: '<workerId>/<artifact>/<file> under INGEST_ROOT' }) path: string;
}

export class CompilationResponse implements CompilationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({
    enum: COMPILATION_SOURCES,
    description: 'render: compiled here (has a job); ingest: imported by the ingest importer',
  })
  source: CompilationSource;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Progress, log, cancel, retry: /api/jobs/:jobId; null: an import',
  })
  jobId: string | null;
  @ApiProperty({ type: CompilationImportResponse, nullable: true, description: 'Imports only' })
  imported: CompilationImportResponse | null;
  @ApiProperty({ enum: JOB_STATES }) state: JobState;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: CompileSettingsResponse, nullable: true, description: 'null: an import' })
  settings: CompileSettingsResponse | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What the owner’s tier lowered of the settings asked for (also in the job log)',
    example: 'Tier limit (Free): output lowered, 2160p → 1080p, 60 → 30 fps',
  })
  tierNote: string | null;
  @ApiProperty({ type: MediaResponse, nullable: true, description: 'Set once completed' })
  media: MediaResponse | null;
  @ApiProperty({ type: CompilationOutputResponse, nullable: true })
  output: CompilationOutputResponse | null;
  @ApiProperty({
    type: CompilationArtifactResponse,
    nullable: true,
    description: 'The export to ARTIFACTS_DIR as the worker reported it; null: not exported',
  })
  artifact: CompilationArtifactResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class CompilationListResponse implements CompilationListDto {
  @ApiProperty({ type: [CompilationResponse] }) items: CompilationResponse[];
}

/** 403 over the monthly render time, or over the tier's clips per compilation. */
export class CompileRefusedResponse {
  @ApiProperty({ example: 403 }) statusCode: number;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'Render seconds left this UTC month' })
  remainingSeconds?: number;
  @ApiPropertyOptional({ description: 'The tier’s monthly render seconds' })
  limitSeconds?: number;
  @ApiPropertyOptional({ description: 'This compile’s estimated output length' })
  estimatedSeconds?: number;
  @ApiPropertyOptional({ description: 'The tier’s cap (clip-count refusals)' })
  maxClipsPerProject?: number;
  @ApiPropertyOptional({ description: 'Clips on the timeline (clip-count refusals)' })
  clipCount?: number;
}

export class ArtifactReportBody implements JobArtifactReport {
  @ApiProperty({ format: 'uuid' }) @IsUUID() jobId: string;
  @ApiProperty({ type: String, nullable: true, description: 'Directory under ARTIFACTS_DIR' })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 255)
  name: string | null;
  @ApiProperty({ enum: ARTIFACT_STATES }) @IsIn(ARTIFACT_STATES) state: ArtifactState;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) at: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  error?: string | null;
}

export class ArtifactReportsBody implements ArtifactReportsRequest {
  @ApiProperty() @IsString() @Length(1, 128) workerId: string;
  @ApiProperty({ type: [ArtifactReportBody], maxItems: MAX_ARTIFACT_REPORTS })
  @IsArray()
  @ArrayMaxSize(MAX_ARTIFACT_REPORTS)
  @ValidateNested({ each: true })
  @Type(() => ArtifactReportBody)
  reports: ArtifactReportBody[];
}

export class ArtifactReportsResult implements ArtifactReportsResponse {
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'Older than the stored state' }) stale: number;
  @ApiProperty({ description: 'No compilation of a job this worker ran' }) unknown: number;
}
