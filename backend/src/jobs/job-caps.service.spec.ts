import { jest } from '@jest/globals';
import type { JobKind } from '@clippyfront/shared';
import { loadAppConfig } from '../config/app-config.js';
import { JobCaps, TooManyJobsException } from './job-caps.service.js';
import type { JobsRepository } from './jobs.repository.js';

/** `active` and `heavy`: the owner's queued + running jobs, all capped kinds / probe+compile. */
function caps(active: number, heavy: number) {
  const countActive = jest.fn(async (_owner: string, kinds: JobKind[]) =>
    kinds.includes('download') ? active : heavy,
  );
  const config = loadAppConfig({
    CLIPPY_INSTANCE_PATH: '/tmp/clippy-caps-spec',
    JOBS_MAX_ACTIVE_PER_USER: '10',
    JOBS_MAX_HEAVY_PER_USER: '2',
  });
  return {
    caps: new JobCaps({ countActive } as unknown as JobsRepository, config),
    countActive,
  };
}

const user = { id: 'u1' };

describe('JobCaps', () => {
  it('takes the limits from the settings', async () => {
    expect(await caps(0, 0).caps.limitsFor(user)).toEqual({ maxActive: 10, maxHeavy: 2 });
  });

  it('lets jobs in up to the caps', async () => {
    await caps(9, 1).caps.assertRoom(user, 'probe');
    await caps(8, 0).caps.assertRoom(user, 'download', 2);
  });

  it('refuses past JOBS_MAX_ACTIVE_PER_USER with the limit and the active count', async () => {
    const refusal = caps(9, 0).caps.assertRoom(user, 'download', 2);
    await expect(refusal).rejects.toThrow(TooManyJobsException);
    await expect(caps(9, 0).caps.assertRoom(user, 'download', 2)).rejects.toMatchObject({
      status: 429,
      response: {
        message: expect.stringMatching(
          /^Too many jobs: 9 of yours .* limit is 10 \(JOBS_MAX_ACTIVE_PER_USER\); this request would add 2\./,
        ),
        limit: 10,
        active: 9,
      },
    });
  });

  it('refuses a third probe or compile past JOBS_MAX_HEAVY_PER_USER, not a download', async () => {
    for (const kind of ['probe', 'compile'] as const) {
      await expect(caps(2, 2).caps.assertRoom(user, kind)).rejects.toMatchObject({
        response: { limit: 2, active: 2 },
      });
    }
    await caps(2, 2).caps.assertRoom(user, 'download');
  });

  it('never counts thumbnails (made for uploads already accepted)', async () => {
    const { caps: full, countActive } = caps(10, 2);
    await full.assertRoom(user, 'thumbnail');
    expect(countActive).not.toHaveBeenCalled();
  });
});
