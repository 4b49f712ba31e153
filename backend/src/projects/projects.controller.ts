import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import {
  CreateProjectBody,
  ListProjectsQuery,
  ProjectListResponse,
  ProjectResponse,
  UpdateProjectBody,
} from './projects.dto.js';
import { ProjectsService } from './projects.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('projects')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiCreatedResponse({ type: ProjectResponse })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateProjectBody): Promise<ProjectResponse> {
    return this.projects.create(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s projects, newest first' })
  @ApiOkResponse({ type: ProjectListResponse })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListProjectsQuery,
  ): Promise<ProjectListResponse> {
    return this.projects.list({ ...query, ...ownerScope(user) });
  }

  @Get(':id')
  @ApiOkResponse({ type: ProjectResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ProjectResponse> {
    return this.projects.get(id, ownerScope(user));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProjectResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateProjectBody,
  ): Promise<ProjectResponse> {
    return this.projects.update(id, ownerScope(user), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a project and its clips',
    description:
      'Clip media that no other project’s clip uses is deleted from the library too (intros, ' +
      'outros, transitions and other non-clip media never are); downloads no remaining clip ' +
      'waits for are cancelled.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  delete(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.projects.delete(id, ownerScope(user));
  }
}
