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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { UserResponse } from '../auth/auth.dto.js';
import { ErrorResponse } from '../common/error.dto.js';
import { toUserDto, UsersService } from '../users/users.service.js';
import {
  AdminCreateUserBody,
  AdminUpdateUserBody,
  AdminUserListResponse,
  AdminUserQuery,
} from './admin-users.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: AdminUserListResponse })
  list(@Query() query: AdminUserQuery): Promise<AdminUserListResponse> {
    return this.users.list(query);
  }

  @Post()
  @ApiCreatedResponse({ type: UserResponse, description: 'Also when REGISTRATION_OPEN=false' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid field, or unknown tier' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Username or email taken' })
  async create(@Body() body: AdminCreateUserBody): Promise<UserResponse> {
    return toUserDto(await this.users.adminCreate(body));
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async get(@Param('id', uuid) id: string): Promise<UserResponse> {
    return toUserDto(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Email taken, or last admin' })
  async update(
    @Param('id', uuid) id: string,
    @Body() body: AdminUpdateUserBody,
  ): Promise<UserResponse> {
    return toUserDto(await this.users.adminUpdate(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The user, their rows and their files are gone' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Last admin' })
  delete(@Param('id', uuid) id: string): Promise<void> {
    return this.users.delete(id);
  }
}
