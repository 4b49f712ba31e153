import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@clippyfront/shared';
import type { AuthUser } from './auth-user.js';
import { isAdminOnly, isPublic } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { sameString } from './secrets.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global: identifies the caller (Bearer token, else session cookie), enforces XSRF on unsafe
 * cookie-authenticated requests, then @Public / @AdminOnly.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const open = isPublic(this.reflector, context);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

    if (bearer) {
      const user = await this.auth.identifyByToken(bearer);
      if (!user && !open) throw new UnauthorizedException('Invalid or expired API token');
      if (user) request.user = user;
    } else {
      const session = request.cookies?.[SESSION_COOKIE] as string | undefined;
      const user = session ? await this.auth.identifyBySession(session) : null;
      if (user) {
        if (!SAFE_METHODS.has(request.method)) this.assertXsrf(request);
        request.user = user;
      }
    }

    if (open) return true;
    if (!request.user) throw new UnauthorizedException('Log in or send a Bearer token');
    if (isAdminOnly(this.reflector, context) && request.user.role !== 'admin') {
      throw new ForbiddenException('Admins only');
    }
    return true;
  }

  private assertXsrf(request: Request): void {
    const cookie = request.cookies?.[XSRF_COOKIE] as string | undefined;
    const header = request.headers[XSRF_HEADER];
    const given = Array.isArray(header) ? header[0] : header;
    if (!cookie || !given || !sameString(cookie, given)) {
      throw new ForbiddenException('Missing or invalid XSRF token (send X-XSRF-TOKEN)');
    }
  }
}
