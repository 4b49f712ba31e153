import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorResponse } from '../common/error.dto.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { toUserDto, UsersService } from '../users/users.service.js';
import { clearSessionCookie, setSessionCookie, setXsrfCookie } from './auth-cookies.js';
import type { AuthUser } from './auth-user.js';
import { CurrentUser, LoginRoute, Public } from './auth.decorators.js';
import {
  ApiTokenResponse,
  ChangePasswordBody,
  CreatedApiTokenResponse,
  CreateTokenBody,
  LoginBody,
  RegisterBody,
  RegistrationStatusResponse,
  UpdateProfileBody,
  UserResponse,
} from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { CrossSiteLoginGuard } from './cross-site-login.guard.js';
import { RegistrationOpenGuard } from './registration-open.guard.js';

@ApiTags('auth')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('registration')
  @ApiOkResponse({ type: RegistrationStatusResponse, description: 'REGISTRATION_OPEN' })
  registration(): RegistrationStatusResponse {
    return { open: this.config.auth.registrationOpen };
  }

  @Public()
  @LoginRoute()
  @UseGuards(CrossSiteLoginGuard, RegistrationOpenGuard)
  @Post('register')
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Username or email taken' })
  @ApiForbiddenResponse({
    type: ErrorResponse,
    description: 'Registration closed (REGISTRATION_OPEN=false), or sent from another site',
  })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Body is not JSON' })
  async register(@Body() body: RegisterBody): Promise<UserResponse> {
    return toUserDto(await this.auth.register(body));
  }

  @Public()
  @LoginRoute()
  @UseGuards(CrossSiteLoginGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponse, description: 'Sets the session cookie' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Sent from another site (Origin)' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Body is not JSON' })
  async login(
    @Body() body: LoginBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserResponse> {
    const { user, sessionToken, expiresAt } = await this.auth.login(body.login, body.password, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookie(request, response, sessionToken, expiresAt);
    setXsrfCookie(request, response);
    return toUserDto(user);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(user);
    clearSessionCookie(request, response);
  }

  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return toUserDto(await this.users.get(user.id));
  }

  @Patch('me')
  @ApiOkResponse({ type: UserResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Email taken' })
  async updateMe(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdateProfileBody,
  ): Promise<UserResponse> {
    return toUserDto(await this.users.updateProfile(user.id, body));
  }

  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Changed; every session of the user ends and every API token is revoked',
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Current password wrong' })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.changePassword(user, body, request.ip ?? null);
    clearSessionCookie(request, response);
  }

  @Get('tokens')
  @ApiOkResponse({ type: [ApiTokenResponse] })
  listTokens(@CurrentUser() user: AuthUser): Promise<ApiTokenResponse[]> {
    return this.auth.listTokens(user);
  }

  @Post('tokens')
  @ApiCreatedResponse({ type: CreatedApiTokenResponse })
  @ApiForbiddenResponse({
    type: ErrorResponse,
    description: 'From a browser session: currentPassword missing or wrong',
  })
  createToken(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateTokenBody,
    @Req() request: Request,
  ): Promise<CreatedApiTokenResponse> {
    return this.auth.createToken(user, body, request.ip ?? null);
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  deleteToken(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.auth.deleteToken(user, id);
  }
}
