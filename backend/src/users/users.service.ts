import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type {
  AdminCreateUserRequest,
  AdminUpdateUserRequest,
  AdminUserListDto,
  UserDto,
} from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { ApiTokensRepository } from '../auth/api-tokens.repository.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { TiersService } from '../tiers/tiers.service.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository, type UserSearch } from './users.repository.js';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    isActive: user.isActive,
    twitchUsername: user.twitchUsername,
    discordUserId: user.discordUserId,
    tierId: user.tierId,
    watermarkOverride: user.watermarkOverride,
    themePreference: user.themePreference,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** Account rules shared by the profile and the admin pages. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly jobs: JobsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tiers: TiersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException(`User ${id} not found`);
    return user;
  }

  async list(query: UserSearch): Promise<AdminUserListDto> {
    const [rows, total] = await this.users.search(query);
    return { items: rows.map(toUserDto), total };
  }

  async assertFree(username: string | undefined, email: string | undefined, exceptId?: string) {
    const taken = await this.users.taken(username, email, exceptId);
    if (taken.username) throw new ConflictException('That username is already taken');
    if (taken.email) throw new ConflictException('That email address is already registered');
  }

  async create(input: {
    username: string;
    email: string;
    password: string;
    role?: UserEntity['role'];
    /** Omitted: the default tier. */
    tierId?: string | null;
  }): Promise<UserEntity> {
    await this.assertFree(input.username, input.email);
    try {
      return await this.users.create({
        username: input.username,
        email: input.email,
        role: input.role ?? 'user',
        passwordHash: await this.hasher.hash(input.password),
        ...(input.tierId !== undefined && { tierId: input.tierId }),
      });
    } catch (error) {
      // Two registrations racing for one name: the unique index decides.
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictException('That username or email address is already registered');
      }
      throw error;
    }
  }

  /** An account made by an admin: any role, a tier (checked), a watermark override. */
  async adminCreate(input: AdminCreateUserRequest): Promise<UserEntity> {
    if (input.tierId) await this.tiers.assertAssignable(input.tierId);
    const user = await this.create(input).catch((error: unknown) => {
      // The tier was deleted between the check and the insert (its foreign key).
      if ((error as { code?: string }).code === '23503') {
        throw new BadRequestException(`tierId: there is no tier ${input.tierId}`);
      }
      throw error;
    });
    if (input.watermarkOverride && input.watermarkOverride !== user.watermarkOverride) {
      await this.users.update(user.id, { watermarkOverride: input.watermarkOverride });
      return this.get(user.id);
    }
    return user;
  }

  async updateProfile(id: string, changes: Partial<UserEntity>): Promise<UserEntity> {
    await this.get(id);
    if (changes.email) await this.assertFree(undefined, changes.email, id);
    await this.users.update(id, changes);
    return this.get(id);
  }

  /** Admin edit: never leaves the system without an active admin. */
  async adminUpdate(id: string, changes: AdminUpdateUserRequest): Promise<UserEntity> {
    const { password, ...fields } = changes;
    if (changes.email) await this.assertFree(undefined, changes.email, id);
    const passwordHash = password ? await this.hasher.hash(password) : undefined;
    await this.users
      .withAdminLock(async (users) => {
        const user = await users.findById(id);
        if (!user) throw new NotFoundException(`User ${id} not found`);
        // Keeping the tier they have is fine even when it was made inactive since.
        if (changes.tierId && changes.tierId !== user.tierId) {
          await this.tiers.assertAssignable(changes.tierId);
        }
        const losesAdmin =
          user.role === 'admin' &&
          user.isActive &&
          ((changes.role !== undefined && changes.role !== 'admin') || changes.isActive === false);
        if (losesAdmin) await this.assertAnotherAdmin(users);
        await users.update(id, { ...fields, ...(passwordHash && { passwordHash }) });
      })
      .catch((error: unknown) => {
        // The tier was deleted between the check and the update (its foreign key).
        if ((error as { code?: string }).code === '23503') {
          throw new BadRequestException(`tierId: there is no tier ${changes.tierId}`);
        }
        throw error;
      });
    if (password) await this.revokeAccess(id);
    else if (changes.isActive === false) await this.sessions.deleteForUser(id);
    return this.get(id);
  }

  private async assertAnotherAdmin(users: UsersRepository): Promise<void> {
    if ((await users.countActiveAdmins()) <= 1) {
      throw new ConflictException('This is the last active admin; make someone else admin first');
    }
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.users.update(id, { passwordHash: await this.hasher.hash(password) });
    await this.revokeAccess(id);
  }

  /** After a password change or reset nothing minted with the old one works: sessions or tokens. */
  private async revokeAccess(id: string): Promise<void> {
    await this.sessions.deleteForUser(id);
    await this.tokens.deleteForUser(id);
  }

  /** Removes the user, their rows (sessions, tokens, jobs) and their files. */
  async delete(id: string): Promise<void> {
    await this.users.withAdminLock(async (users) => {
      const user = await users.findById(id);
      if (!user) throw new NotFoundException(`User ${id} not found`);
      if (user.role === 'admin' && user.isActive) await this.assertAnotherAdmin(users);
      await users.delete(id);
    });
    await this.jobs.deleteOwnedBy(id);
    await rm(join(this.config.paths.data, id), { recursive: true, force: true });
  }
}
