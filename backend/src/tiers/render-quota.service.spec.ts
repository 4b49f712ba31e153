import { jest } from '@jest/globals';
import type { RenderUsageRepository } from './render-usage.repository.js';
import { RenderQuotaExceededException, RenderQuotaService } from './render-quota.service.js';
import type { TierEntity } from './tier.entity.js';

const tier = (monthlyRenderSeconds: number | null, unlimited = false) =>
  ({ monthlyRenderSeconds, unlimited }) as TierEntity;

describe('RenderQuotaService', () => {
  const renders = {
    secondsBetween: jest.fn(async (..._args: unknown[]) => 1000),
    reservedSeconds: jest.fn(async (..._args: unknown[]) => 500),
  };
  const service = new RenderQuotaService(renders as unknown as RenderUsageRepository);

  beforeEach(() => jest.clearAllMocks());

  it('lets a compile through that fits in what is left (limit − used − reserved)', async () => {
    await expect(service.assertRoom('u1', tier(1800), 300)).resolves.toBeUndefined();
  });

  it('refuses one over it with remaining, limit and estimate', async () => {
    const refusal = await service.assertRoom('u1', tier(1800), 300.64).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RenderQuotaExceededException);
    expect((refusal as RenderQuotaExceededException).getResponse()).toEqual({
      statusCode: 403,
      message: expect.stringMatching(/about 5:01 long and 5:00 of your 30:00 are left/),
      remainingSeconds: 300,
      limitSeconds: 1800,
      estimatedSeconds: 300.6,
    });
  });

  it('counts the UTC calendar month holding now', async () => {
    await service.assertRoom('u1', tier(1800), 1, new Date('2026-12-31T23:59:59Z'));
    expect(renders.secondsBetween).toHaveBeenCalledWith(
      'u1',
      new Date('2026-12-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
  });

  it('reports 0 left, never less, when the month is over-used', async () => {
    renders.secondsBetween.mockResolvedValueOnce(5000);
    const refusal = (await service
      .assertRoom('u1', tier(1800), 1)
      .catch((e: unknown) => e)) as RenderQuotaExceededException;
    expect(refusal.getResponse()).toMatchObject({ remainingSeconds: 0 });
  });

  it('checks nothing without a limit (no tier, unlimited, or none set)', async () => {
    for (const plan of [null, tier(null), tier(60, true)]) {
      await expect(service.assertRoom('u1', plan, 10 ** 6)).resolves.toBeUndefined();
    }
    expect(renders.secondsBetween).not.toHaveBeenCalled();
  });
});
