import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TiersRepository } from '../tiers/tiers.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { randomSecret } from './secrets.js';

/**
 * First start with no users: an admin, with ADMIN_PASSWORD or a generated one shown once, on
 * the Unlimited tier (a self-hoster's own compiles carry no watermark and hit no quota).
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly tiers: TiersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const { username, email, password } = this.config.auth.admin;
    const chosen = password ?? randomSecret(12);
    const unlimited = await this.tiers.findUnlimited();
    await this.accounts.create({
      username,
      email,
      password: chosen,
      role: 'admin',
      ...(unlimited && { tierId: unlimited.id }),
    });
    if (password) {
      this.logger.warn(`Created admin "${username}" with the password from ADMIN_PASSWORD`);
    } else {
      this.logger.warn(
        `Created admin "${username}" with password: ${chosen}  (shown once; change it after logging in)`,
      );
    }
  }
}
