import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiTokenStrategy, bearerToken } from './api-token.strategy.js';
import type { AuthUser } from './auth-user.js';
import { isAdminOnly, isPublic } from './auth.decorators.js';
import { runStrategy } from './run-strategy.js';
import { SessionCookieStrategy } from './session-cookie.strategy.js';

/**
 * Global: identifies the caller through passport (the Bearer API token when one is sent, else
 * the session cookie, which also enforces XSRF on unsafe requests), then @Public / @AdminOnly.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly byToken: ApiTokenStrategy,
    private readonly bySession: SessionCookieStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: AuthUser }>();
    const response = http.getResponse<Response>();
    const open = isPublic(this.reflector, context);

    if (bearerToken(request)) {
      request.user = await runStrategy<AuthUser>(this.byToken, request, response);
      if (!request.user && !open) throw new UnauthorizedException('Invalid or expired API token');
    } else {
      request.user = await runStrategy<AuthUser>(this.bySession, request, response);
    }
    if (!request.user) delete request.user;

    if (open) return true;
    if (!request.user) throw new UnauthorizedException('Log in or send a Bearer token');
    if (isAdminOnly(this.reflector, context) && request.user.role !== 'admin') {
      throw new ForbiddenException('Admins only');
    }
    return true;
  }
}
