import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { CreateTierRequest, TierDto, UpdateTierRequest } from '@clippyfront/shared';
import type { TierEntity } from './tier.entity.js';
import { TiersRepository, type TierFields } from './tiers.repository.js';

export function toTierDto(tier: TierEntity, userCount: number): TierDto {
  return {
    id: tier.id,
    name: tier.name,
    description: tier.description,
    storageLimitBytes: tier.storageLimitBytes,
    monthlyRenderSeconds: tier.monthlyRenderSeconds,
    watermark: tier.watermark,
    unlimited: tier.unlimited,
    active: tier.active,
    maxResolution: tier.maxResolution,
    maxFps: tier.maxFps,
    maxClipsPerProject: tier.maxClipsPerProject,
    canSchedule: tier.canSchedule,
    maxSchedulesPerUser: tier.maxSchedulesPerUser,
    isDefault: tier.isDefault,
    userCount,
    createdAt: tier.createdAt.toISOString(),
    updatedAt: tier.updatedAt.toISOString(),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tier rules: exactly one default, which is active; a tier in use is not deleted. */
@Injectable()
export class TiersService {
  constructor(private readonly tiers: TiersRepository) {}

  async list(): Promise<TierDto[]> {
    const rows = await this.tiers.listWithUserCounts();
    return rows.map(({ tier, userCount }) => toTierDto(tier, userCount));
  }

  async getDto(id: string): Promise<TierDto> {
    const tier = await this.get(id);
    return toTierDto(tier, await this.tiers.countUsers(id));
  }

  async get(id: string): Promise<TierEntity> {
    const tier = await this.tiers.findById(id);
    if (!tier) throw new NotFoundException(`Tier ${id} not found`);
    return tier;
  }

  async create(body: CreateTierRequest): Promise<TierDto> {
    if (body.isDefault && body.active === false) {
      throw new BadRequestException('isDefault: the default tier must be active');
    }
    const tier = await this.saving(body.name, () => this.tiers.save(body as Partial<TierFields>));
    return toTierDto(tier, 0);
  }

  async update(id: string, body: UpdateTierRequest): Promise<TierDto> {
    const tier = await this.get(id);
    if (tier.isDefault && body.isDefault === false) {
      throw new ConflictException(
        `Tier "${tier.name}" is the default; make another tier the default instead`,
      );
    }
    const willBeDefault = body.isDefault ?? tier.isDefault;
    if (willBeDefault && (body.active ?? tier.active) === false) {
      throw new BadRequestException(
        `${body.active === false ? 'active' : 'isDefault'}: the default tier must be active`,
      );
    }
    const saved = await this.saving(body.name ?? tier.name, () =>
      this.tiers.save(body as Partial<TierFields>, id),
    );
    return toTierDto(saved, await this.tiers.countUsers(id));
  }

  async delete(id: string): Promise<void> {
    const tier = await this.get(id);
    if (tier.isDefault) {
      throw new ConflictException(
        `Tier "${tier.name}" is the default for new users; make another tier the default first`,
      );
    }
    const users = await this.tiers.delete(id);
    if (users > 0) {
      throw new ConflictException(
        `Tier "${tier.name}" is used by ${plural(users, 'user')}; move them to another tier first`,
      );
    }
  }

  /** For an admin setting a user's tier: the tier exists and is active (400 otherwise). */
  async assertAssignable(id: string): Promise<void> {
    const tier = await this.tiers.findById(id);
    if (!tier) throw new BadRequestException(`tierId: there is no tier ${id}`);
    if (!tier.active) throw new BadRequestException(`tierId: tier "${tier.name}" is inactive`);
  }

  private async saving(name: string, save: () => Promise<TierEntity>): Promise<TierEntity> {
    try {
      return await save();
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === '23505' && constraint === 'uq_tiers_name') {
        throw new ConflictException(`A tier named "${name}" already exists`);
      }
      // Two tiers made default at once: the partial unique index lets one through.
      if (code === '23505' && constraint === 'uq_tiers_default') {
        throw new ConflictException('Another tier was made the default at the same time; retry');
      }
      throw error;
    }
  }
}
