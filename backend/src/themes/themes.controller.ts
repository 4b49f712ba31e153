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
import { CreateThemeBody, ThemeResponse, UpdateThemeBody } from './themes.dto.js';
import { ThemesService } from './themes.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/themes')
export class ThemesController {
  constructor(private readonly themes: ThemesService) {}

  @Get()
  @ApiOkResponse({ type: [ThemeResponse], description: 'Every theme, oldest first' })
  list(): Promise<ThemeResponse[]> {
    return this.themes.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: ThemeResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param('id', uuid) id: string): Promise<ThemeResponse> {
    return this.themes.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: ThemeResponse, description: 'Created inactive' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A colour not #rrggbb (named)' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Name taken' })
  create(@Body() body: CreateThemeBody): Promise<ThemeResponse> {
    return this.themes.create(body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ThemeResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A colour not #rrggbb (named)' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Name taken' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateThemeBody): Promise<ThemeResponse> {
    return this.themes.update(id, body);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: ThemeResponse, description: 'Now the only active theme' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  activate(@Param('id', uuid) id: string): Promise<ThemeResponse> {
    return this.themes.activate(id);
  }

  @Post(':id/duplicate')
  @ApiCreatedResponse({ type: ThemeResponse, description: 'An inactive copy, "<name> (copy)"' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  duplicate(@Param('id', uuid) id: string): Promise<ThemeResponse> {
    return this.themes.duplicate(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'It is the active theme' })
  delete(@Param('id', uuid) id: string): Promise<void> {
    return this.themes.delete(id);
  }
}
