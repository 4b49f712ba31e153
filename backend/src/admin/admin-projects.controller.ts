import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ANY_OWNER } from '../common/ownership.js';
import { ProjectsService } from '../projects/projects.service.js';
import { AdminProjectListResponse, AdminProjectsQuery } from './admin-projects.dto.js';
import { AdminProjectsRepository } from './admin-projects.repository.js';

/** Any user's project opens read-only at `GET /api/projects/:id` (admins see all). */
@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/projects')
export class AdminProjectsController {
  constructor(
    private readonly list: AdminProjectsRepository,
    private readonly projects: ProjectsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Every user's projects, newest first" })
  @ApiOkResponse({ type: AdminProjectListResponse })
  async all(@Query() query: AdminProjectsQuery): Promise<AdminProjectListResponse> {
    const [items, total] = await this.list.list(query);
    return { items, total };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Delete any user's project, as its owner would" })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  delete(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.projects.delete(id, ANY_OWNER);
  }
}
