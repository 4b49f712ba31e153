import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
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
import { AutomationSchedulesService } from './automation-schedules.service.js';
import { ScheduleResponse, UpdateScheduleBody } from './automation.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('automation')
@ApiNotFoundResponse({ type: ErrorResponse })
@Controller('automation/schedules')
export class AutomationSchedulesController {
  constructor(private readonly schedules: AutomationSchedulesService) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Change a schedule (its next run is computed again)' })
  @ApiOkResponse({ type: ScheduleResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiForbiddenResponse({ type: ErrorResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateScheduleBody,
  ): Promise<ScheduleResponse> {
    return this.schedules.update(id, ownerScope(user), body);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: ScheduleResponse })
  @ApiForbiddenResponse({ type: ErrorResponse })
  enable(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ScheduleResponse> {
    return this.schedules.setEnabled(id, ownerScope(user), true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: ScheduleResponse })
  disable(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ScheduleResponse> {
    return this.schedules.setEnabled(id, ownerScope(user), false);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  delete(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.schedules.delete(id, ownerScope(user));
  }
}
