import { type CanActivate, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export const REGISTRATION_CLOSED =
  'Registration is closed on this instance; ask an administrator for an account';

/** REGISTRATION_OPEN=false: 403 before the body is even validated. */
@Injectable()
export class RegistrationOpenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.auth.registrationOpen) throw new ForbiddenException(REGISTRATION_CLOSED);
    return true;
  }
}
