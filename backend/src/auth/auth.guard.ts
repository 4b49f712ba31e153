import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { API_TOKEN_STRATEGY, bearerToken } from './api-token.strategy.js';
import type { AuthUser } from './auth-user.js';
import { isAdminOnly, isPublic } from './auth.decorators.js';
import { SESSION_COOKIE_STRATEGY } from './session-cookie.strategy.js';

/** Runs one passport strategy; no user is not an error here (the AuthGuard decides). */
class Identify extends PassportAuthGuard() {
  constructor(strategy: string) {
    super({ defaultStrategy: strategy, session: false });
  }

  override handleRequest<TUser>(error: unknown, user: TUser): TUser {
    if (error) throw error;
    return user || (undefined as TUser);
  }
}

/**
 * Global: identifies the caller through passport (the Bearer API token when one is sent, else
 * the session cookie, which also enforces XSRF on unsafe requests), then @Public / @AdminOnly.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly byToken = new Identify(API_TOKEN_STRATEGY);
  private readonly bySession = new Identify(SESSION_COOKIE_STRATEGY);

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const open = isPublic(this.reflector, context);

    if (bearerToken(request)) {
      await this.byToken.canActivate(context);
      if (!request.user && !open) throw new UnauthorizedException('Invalid or expired API token');
    } else {
      await this.bySession.canActivate(context);
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
