import {
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthUser } from './auth-user.js';

const PUBLIC = 'clippyfront:public';
const ADMIN_ONLY = 'clippyfront:admin-only';
const LOGIN_ROUTE = 'clippyfront:login-route';

/** No user needed (a user, when present, is still identified). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Users get 403. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);
/** RATELIMIT_LOGIN applies here. */
export const LoginRoute = () => SetMetadata(LOGIN_ROUTE, true);

const flag = (reflector: Reflector, key: string, context: ExecutionContext) =>
  reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;

export const isPublic = (r: Reflector, c: ExecutionContext) => flag(r, PUBLIC, c);
export const isAdminOnly = (r: Reflector, c: ExecutionContext) => flag(r, ADMIN_ONLY, c);
export const isLoginRoute = (r: Reflector, c: ExecutionContext) => flag(r, LOGIN_ROUTE, c);

/** The authenticated user of this request. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const user = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
  if (!user) throw new UnauthorizedException('Log in or send a Bearer token');
  return user;
});

/** The user of this request when there is one (on @Public() routes); undefined otherwise. */
export const OptionalUser = createParamDecorator(
  (_: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user,
);
