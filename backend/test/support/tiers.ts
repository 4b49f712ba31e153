import { API_PATHS, type TierDto } from '@clippyfront/shared';
import type { TestApp } from './test-app.js';

/**
 * New users get the default tier, whose own storage limit wins over STORAGE_QUOTA: tests of
 * STORAGE_QUOTA clear it, so the setting applies to the users they register.
 */
export async function defaultTierUsesStorageQuota(app: TestApp): Promise<void> {
  const tiers = (await app.api<TierDto[]>(API_PATHS.admin.tiers)).body;
  const tier = tiers.find((t) => t.isDefault)!;
  const { status } = await app.api(API_PATHS.admin.tier(tier.id), {
    method: 'PATCH',
    body: { storageLimitBytes: null },
  });
  if (status !== 200) throw new Error(`clearing the default tier's storage limit: ${status}`);
}
