import {
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { ApiTokenDto, CreatedApiTokenDto } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import type { ApiTokenEntity } from './api-token.entity.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import type { AuthUser } from './auth-user.js';
import { LoginLimiter } from './login-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { newApiToken, randomSecret, sha256 } from './secrets.js';
import { SessionsRepository } from './sessions.repository.js';

export const INVALID_LOGIN = 'Invalid username/email or password';
/** Sessions and tokens are touched at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

function toTokenDto(token: ApiTokenEntity): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(input: { username: string; email: string; password: string }) {
    return this.accounts.create(input);
  }

  /** The same answer for an unknown user and a wrong password. */
  async login(
    login: string,
    password: string,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<{ user: UserEntity; sessionToken: string; expiresAt: Date }> {
    const attempt = { ip: client.ip, login };
    await this.limiter.assertAllowed(attempt);
    const user = await this.users.findByLoginWithHash(login);
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      await this.limiter.recordFailure(attempt);
      throw new UnauthorizedException(INVALID_LOGIN);
    }
    if (!user.isActive) throw new UnauthorizedException('This account is disabled');
    const sessionToken = randomSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionTtlHours * 3_600_000);
    await this.sessions.create({
      tokenHash: sha256(sessionToken),
      userId: user.id,
      expiresAt,
      lastSeenAt: now,
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 256) ?? null,
    });
    await this.users.update(user.id, { lastLoginAt: now });
    return { user: await this.accounts.get(user.id), sessionToken, expiresAt };
  }

  async logout(user: AuthUser): Promise<void> {
    if (user.sessionId) await this.sessions.delete(user.sessionId);
  }

  /** Checks the current password, sets the new one, ends every session and revokes every token. */
  async changePassword(
    user: AuthUser,
    request: { current: string; next: string },
    ip: string | null,
  ): Promise<void> {
    const { current, next } = request;
    await this.confirmPassword(user, current, ip);
    await this.accounts.setPassword(user.id, next);
  }

  /** Failures count like failed logins, so a stolen session cannot guess the password. */
  private async confirmPassword(
    user: AuthUser,
    password: string | undefined,
    ip: string | null,
  ): Promise<void> {
    if (!password) {
      throw new ForbiddenException('Confirm with your current password (currentPassword)');
    }
    const attempt = { ip, login: user.username };
    await this.limiter.assertAllowed(attempt);
    const hash = await this.users.passwordHashOf(user.id);
    if (!(await this.hasher.verify(hash, password))) {
      await this.limiter.recordFailure(attempt);
      throw new ForbiddenException('The current password is wrong');
    }
  }

  async identifyBySession(token: string): Promise<AuthUser | null> {
    const session = await this.sessions.findLive(sha256(token));
    if (!session?.user?.isActive) return null;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(session.id, new Date());
    }
    const { id, username, role } = session.user;
    return { id, username, role, via: 'session', sessionId: session.id };
  }

  async identifyByToken(token: string): Promise<AuthUser | null> {
    const row = await this.tokens.findWithUser(sha256(token));
    if (!row?.user?.isActive) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.tokens.touch(row.id, new Date());
    }
    const { id, username, role } = row.user;
    return { id, username, role, via: 'token' };
  }

  async listTokens(user: AuthUser): Promise<ApiTokenDto[]> {
    return (await this.tokens.listForUser(user.id)).map(toTokenDto);
  }

  /** From a browser session the current password is asked for; from a token it is not. */
  async createToken(
    user: AuthUser,
    request: { name: string; expiresInDays?: number; currentPassword?: string },
    ip: string | null,
  ): Promise<CreatedApiTokenDto> {
    const { name, expiresInDays, currentPassword } = request;
    if (user.via === 'session') await this.confirmPassword(user, currentPassword, ip);
    const token = newApiToken();
    const row = await this.tokens.create({
      userId: user.id,
      name,
      prefix: token.slice(0, 12),
      tokenHash: sha256(token),
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
    });
    return { ...toTokenDto(row), token };
  }

  async deleteToken(user: AuthUser, id: string): Promise<void> {
    if (!(await this.tokens.deleteOwned(id, user.id))) {
      throw new NotFoundException(`Token ${id} not found`);
    }
  }
}
