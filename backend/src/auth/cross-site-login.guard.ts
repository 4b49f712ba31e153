import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export const CROSS_SITE_REFUSED =
  'Cross-site request refused: log in from the ClippyFront site itself';

/**
 * Login CSRF: a page elsewhere must not log the visitor's browser into another account. HTML
 * forms cannot send JSON, and a cross-site `fetch` with JSON needs CORS; the `Origin` check
 * (browsers send it on every POST) refuses the rest. Scripts send no Origin and are unaffected.
 */
@Injectable()
export class CrossSiteLoginGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.is('application/json')) {
      throw new UnsupportedMediaTypeException(
        'Send the body as JSON (Content-Type: application/json)',
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !this.isOwnOrigin(origin, request)) {
      throw new ForbiddenException(CROSS_SITE_REFUSED);
    }
    return true;
  }

  private isOwnOrigin(origin: string, request: Request): boolean {
    if (this.config.auth.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.host;
    } catch {
      return false; // "null" (sandboxed frames, files) or garbage
    }
  }
}
