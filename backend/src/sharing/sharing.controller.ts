import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import { ProjectSharingResponse, UpdateSharingBody } from './sharing.dto.js';
import { SharingService } from './sharing.service.js';

const uuid = new ParseUUIDPipe();

/** The owner's side of a project's share page. */
@ApiTags('sharing')
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown project (or not yours)' })
@Controller('projects/:id/sharing')
export class SharingController {
  constructor(private readonly sharing: SharingService) {}

  @Get()
  @ApiOkResponse({ type: ProjectSharingResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.sharing.get(id, ownerScope(user));
  }

  @Put()
  @ApiOperation({ summary: 'Turn the share page on or off (off: its link answers 404)' })
  @ApiOkResponse({ type: ProjectSharingResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  set(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateSharingBody,
  ): Promise<ProjectSharingResponse> {
    return this.sharing.setEnabled(id, ownerScope(user), body.enabled);
  }

  @Post('regenerate')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new public id: links with the old one answer 404 from now on' })
  @ApiOkResponse({ type: ProjectSharingResponse })
  regenerate(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<ProjectSharingResponse> {
    return this.sharing.regenerate(id, ownerScope(user));
  }
}
