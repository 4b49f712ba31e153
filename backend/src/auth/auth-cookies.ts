import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE, XSRF_COOKIE } from '@clippyfront/shared';
import { randomSecret } from './secrets.js';

const base = (request: Request) => ({
  sameSite: 'lax' as const,
  secure: request.secure,
  path: '/',
});

export function setSessionCookie(
  request: Request,
  response: Response,
  token: string,
  expires: Date,
) {
  response.cookie(SESSION_COOKIE, token, { ...base(request), httpOnly: true, expires });
}

export function clearSessionCookie(request: Request, response: Response) {
  response.clearCookie(SESSION_COOKIE, { ...base(request), httpOnly: true });
}

/** A fresh XSRF token (readable by the SPA's script, by design of double-submit). */
export function setXsrfCookie(request: Request, response: Response): string {
  const token = randomSecret(24);
  response.cookie(XSRF_COOKIE, token, { ...base(request), httpOnly: false });
  return token;
}

/** Every response carries an XSRF cookie, so the SPA has one before its first unsafe call. */
export function xsrfCookieMiddleware(request: Request, response: Response, next: NextFunction) {
  if (!request.cookies?.[XSRF_COOKIE]) setXsrfCookie(request, response);
  next();
}
