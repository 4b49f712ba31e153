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
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { CreateTierBody, TierResponse, UpdateTierBody } from './tiers.dto.js';
import { TiersService } from './tiers.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/tiers')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  @Get()
  @ApiOkResponse({ type: [TierResponse], description: 'Every tier with its user count' })
  list(): Promise<TierResponse[]> {
    return this.tiers.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: TierResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param('id', uuid) id: string): Promise<TierResponse> {
    return this.tiers.getDto(id);
  }

  @Post()
  @ApiCreatedResponse({ type: TierResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Name taken' })
  create(@Body() body: CreateTierBody): Promise<TierResponse> {
    return this.tiers.create(body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TierResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Name taken, or unsetting the default (make another tier the default instead)',
  })
  update(@Param('id', uuid) id: string, @Body() body: UpdateTierBody): Promise<TierResponse> {
    return this.tiers.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Users still have it (the message says how many), or it is the default',
  })
  delete(@Param('id', uuid) id: string): Promise<void> {
    return this.tiers.delete(id);
  }
}
