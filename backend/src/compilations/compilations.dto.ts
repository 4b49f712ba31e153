import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
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
  @ApiProperty({ description: 'Wall time of the render' }) renderSeconds: number;
  @ApiProperty({ enum: COMPILE_ENCODERS }) encoder: CompileEncoder;
  @ApiProperty({ type: [ChapterResponse] }) chapters: ChapterResponse[];
  @ApiProperty({ description: 'YouTube-ready chapter lines ("00:00 Title — creator")' })
  chaptersText: string;
}

export class CompilationResponse implements CompilationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid', description: 'Progress, log, cancel, retry: /api/jobs/:jobId' })
  jobId: string;
  @ApiProperty({ enum: JOB_STATES }) state: JobState;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: CompileSettingsResponse }) settings: CompileSettingsResponse;
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
