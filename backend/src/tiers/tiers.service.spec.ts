import { jest } from '@jest/globals';
import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import type { TierEntity } from './tier.entity.js';
import type { TiersRepository } from './tiers.repository.js';
import { TiersService } from './tiers.service.js';

const tier = (fields: Partial<TierEntity> = {}): TierEntity =>
  ({
    id: 't1',
    name: 'Free',
    isDefault: false,
    active: true,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...fields,
  }) as TierEntity;

function setup(found: TierEntity | null, usersOnDelete = 0) {
  const repository = {
    findById: jest.fn(async () => found),
    countUsers: jest.fn(async () => 0),
    save: jest.fn(async (fields: Partial<TierEntity>) => tier({ ...found, ...fields })),
    delete: jest.fn(async () => usersOnDelete),
  };
  return { service: new TiersService(repository as unknown as TiersRepository), repository };
}

describe('TiersService', () => {
  it('refuses unsetting the default flag: another tier must take it', async () => {
    const { service, repository } = setup(tier({ isDefault: true }));
    await expect(service.update('t1', { isDefault: false })).rejects.toThrow(ConflictException);
    expect(repository.save).not.toHaveBeenCalled();
  });

  it('keeps the default active', async () => {
    const { service } = setup(tier({ isDefault: true }));
    await expect(service.update('t1', { active: false })).rejects.toThrow(
      /active: the default tier must be active/,
    );
    const inactive = setup(tier({ active: false })).service;
    await expect(inactive.update('t1', { isDefault: true })).rejects.toThrow(
      /isDefault: the default tier must be active/,
    );
    await expect(service.create({ name: 'x', isDefault: true, active: false })).rejects.toThrow(
      BadRequestException,
    );
  });

  it('refuses deleting the default, or a tier users have (saying how many)', async () => {
    await expect(setup(tier({ isDefault: true })).service.delete('t1')).rejects.toThrow(
      /is the default/,
    );
    await expect(setup(tier(), 3).service.delete('t1')).rejects.toThrow(
      'Tier "Free" is used by 3 users; move them to another tier first',
    );
    await expect(setup(tier(), 0).service.delete('t1')).resolves.toBeUndefined();
    await expect(setup(null).service.delete('t1')).rejects.toThrow(NotFoundException);
  });

  it('turns the unique name index into a 409 naming the name', async () => {
    const { service, repository } = setup(tier());
    repository.save.mockRejectedValueOnce(
      Object.assign(new Error('dup'), { code: '23505', constraint: 'uq_tiers_name' }),
    );
    await expect(service.create({ name: 'Pro' })).rejects.toThrow(
      'A tier named "Pro" already exists',
    );
  });

  it('assigns only tiers that exist and are active', async () => {
    await expect(setup(null).service.assertAssignable('t9')).rejects.toThrow(
      'tierId: there is no tier t9',
    );
    await expect(setup(tier({ active: false })).service.assertAssignable('t1')).rejects.toThrow(
      /inactive/,
    );
    await expect(setup(tier()).service.assertAssignable('t1')).resolves.toBeUndefined();
  });
});
