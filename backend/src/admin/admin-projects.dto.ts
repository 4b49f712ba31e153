import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import {
  COMPILATION_SOURCES,
  JOB_STATES,
  type CompilationSource,
  type AdminProjectDto,
  type AdminProjectListDto,
  type JobState,
} from '@clippyfront/shared';
import { PaginationQuery } from '../common/pagination.dto.js';

export class AdminProjectsQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: "Text in the project's name or its owner's username" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

class LastCompilation {
  @ApiProperty({ enum: JOB_STATES }) state: JobState;
  @ApiProperty({ format: 'date-time', description: 'Finished (or imported), else queued' })
  at: string;
  @ApiProperty({ enum: COMPILATION_SOURCES, description: 'ingest: imported, no render' })
  source: CompilationSource;
}

export class AdminProjectResponse implements AdminProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerUsername: string;
  @ApiProperty() clipCount: number;
  @ApiProperty({ type: LastCompilation, nullable: true }) lastCompilation: LastCompilation | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AdminProjectListResponse implements AdminProjectListDto {
  @ApiProperty({ type: [AdminProjectResponse] }) items: AdminProjectResponse[];
  @ApiProperty() total: number;
}
