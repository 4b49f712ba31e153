import { ForbiddenException, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@clippyfront/shared';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { sameString } from './secrets.js';

export const SESSION_COOKIE_STRATEGY = 'session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session cookie; null without a valid one. An unsafe request authenticated by it must
 * carry the XSRF token too (403).
 */
@Injectable()
export class SessionCookieStrategy extends PassportStrategy(Strategy, SESSION_COOKIE_STRATEGY) {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(request: Request): Promise<AuthUser | null> {
    const session = request.cookies?.[SESSION_COOKIE] as string | undefined;
    const user = session ? await this.auth.identifyBySession(session) : null;
    if (user && !SAFE_METHODS.has(request.method)) assertXsrf(request);
    return user;
  }
}

function assertXsrf(request: Request): void {
  const cookie = request.cookies?.[XSRF_COOKIE] as string | undefined;
  const header = request.headers[XSRF_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  if (!cookie || !given || !sameString(cookie, given)) {
    throw new ForbiddenException('Missing or invalid XSRF token (send X-XSRF-TOKEN)');
  }
}
