import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { UsageResponse } from './usage.dto.js';
import { UsageService } from './usage.service.js';

@ApiTags('auth')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('auth/me')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('usage')
  @ApiOkResponse({
    type: UsageResponse,
    description: 'Your tier and its caps, storage used/limit, render time used this month/limit',
  })
  get(@CurrentUser() user: AuthUser): Promise<UsageResponse> {
    return this.usage.of(user.id);
  }
}
