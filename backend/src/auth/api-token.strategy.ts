import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';

export const API_TOKEN_STRATEGY = 'api-token';

/** The Bearer token of a request, if it sends one. */
export const bearerToken = (request: Request) =>
  /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

/** A personal API token (Authorization: Bearer); null when it is unknown or expired. */
@Injectable()
export class ApiTokenStrategy extends PassportStrategy(Strategy, API_TOKEN_STRATEGY) {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(request: Request): Promise<AuthUser | null> {
    const bearer = bearerToken(request);
    return bearer ? this.auth.identifyByToken(bearer) : null;
  }
}
