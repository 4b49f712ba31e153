import { jest } from '@jest/globals';
import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { loadAppConfig } from '../config/app-config.js';
import type { JobEntity } from './job.entity.js';
import type { JobsRepository } from './jobs.repository.js';
import { hashToken, JobsService } from './jobs.service.js';

function job(overrides: Partial<JobEntity> = {}): JobEntity {
  const now = new Date('2026-11-25T10:00:00Z');
  return {
    id: '0d5c3b8e-5b1e-4f7e-9f0a-6f1f6f7d9a11',
    kind: 'probe',
    queue: 'celery',
    state: 'queued',
    ownerId: null,
    payload: {},
    result: null,
    error: null,
    log: [],
    progress: 0,
    attempts: 0,
    maxAttempts: 3,
    workerId: null,
    claimTokenHash: null,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

/** The repository's conditional updates, faked: null means "the WHERE matched nothing". */
function setup(current: JobEntity | null, updated: JobEntity | null = null) {
  const repo = {
    findById: jest.fn(async () => current),
    claim: jest.fn(async () => updated),
    claimFairest: jest.fn(async (): Promise<JobEntity | null> => null),
    report: jest.fn(async () => updated),
    finish: jest.fn(async () => updated),
    failExhausted: jest.fn(async () => updated),
    cancel: jest.fn(async () => updated),
    retry: jest.fn(async () => updated),
    findRunningOnSilentWorkers: jest.fn(async (): Promise<JobEntity[]> => []),
    findRunningNotUpdatedSince: jest.fn(async (): Promise<JobEntity[]> => []),
    releaseStalled: jest.fn(async () => updated),
    appendLog: jest.fn(async () => undefined),
    findClaimed: jest.fn(async (..._args: unknown[]): Promise<JobEntity | null> => null),
    findRunningOf: jest.fn(async (): Promise<JobEntity[]> => []),
  };
  const service = new JobsService(
    repo as unknown as JobsRepository,
    loadAppConfig({ CLIPPY_INSTANCE_PATH: '/tmp/clippy-jobs-spec' }),
  );
  return { service, repo };
}

describe('JobsService: which worker holds a claim', () => {
  it("refuses another worker's report, completion and failure (403), even with the claim's token", async () => {
    const running = job({ state: 'running', attempts: 1, workerId: 'alpha-1' });
    const { service, repo } = setup(running, null);
    repo.findClaimed.mockImplementation(async (...args: unknown[]) =>
      args[2] === undefined || args[2] === running.workerId ? running : null,
    );
    await expect(service.report('id', 'tok', 50, [], 'bravo-2')).rejects.toThrow(
      ForbiddenException,
    );
    await expect(service.complete('id', 'tok', {}, [], 'bravo-2')).rejects.toThrow(
      ForbiddenException,
    );
    await expect(service.fail('id', 'tok', 'x', [], 'bravo-2')).rejects.toThrow(ForbiddenException);
    await expect(service.claimed('id', 'tok', 'bravo-2')).rejects.toThrow(ForbiddenException);
    expect(repo.report).toHaveBeenCalledWith('id', hashToken('tok'), 50, [], 'bravo-2');
  });

  it('a stale token stays a 409 (the claim moved on), whoever sends it', async () => {
    const { service } = setup(job({ state: 'running', workerId: 'bravo-2' }), null);
    await expect(service.report('id', 'old', 1, [], 'alpha-1')).rejects.toThrow(ConflictException);
  });

  it('releases every running job of a worker (revoked) through the stall path', async () => {
    const held = [
      job({ id: 'a', state: 'running', attempts: 1 }),
      job({ id: 'b', state: 'running', attempts: 3 }),
    ];
    const { service, repo } = setup(null, job({ state: 'queued' }));
    repo.findRunningOf.mockResolvedValue(held);
    const released = await service.releaseWorker('alpha-1', 'Worker alpha-1 was revoked');
    expect(released).toHaveLength(2);
    expect(repo.findRunningOf).toHaveBeenCalledWith('alpha-1');
    expect(repo.releaseStalled).toHaveBeenCalledWith(
      'a',
      expect.any(Date),
      'Worker alpha-1 was revoked; attempt 1 of 3 abandoned',
    );
    expect(repo.releaseStalled).toHaveBeenCalledWith(
      'b',
      expect.any(Date),
      'Worker alpha-1 was revoked; attempt 3 of 3 abandoned',
    );
  });
});

describe('JobsService', () => {
  it('claims with a fresh token and stores only its hash', async () => {
    const { service, repo } = setup(job(), job({ state: 'running', attempts: 1 }));
    const { token } = await service.claim('id', 'worker-1');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(repo.claim).toHaveBeenCalledWith('id', 'worker-1', hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });

  it('refuses to claim a running or finished job (409) and an unknown one (404)', async () => {
    await expect(setup(job({ state: 'running' })).service.claim('id', 'w')).rejects.toThrow(
      ConflictException,
    );
    await expect(setup(null).service.claim('id', 'w')).rejects.toThrow(NotFoundException);
  });

  it('fails a queued job whose attempts are used up instead of running it again', async () => {
    const { service, repo } = setup(job({ attempts: 3, maxAttempts: 3 }));
    await expect(service.claim('id', 'w')).rejects.toThrow(/Gave up after 3 of 3 attempts/);
    expect(repo.failExhausted).toHaveBeenCalledWith('id', 'Gave up after 3 of 3 attempts');
  });

  it("a fair claim takes the fairest job of the named job's queue, whichever it is", async () => {
    const { service, repo } = setup(job({ queue: 'gpu' }));
    const other = job({ id: 'other', queue: 'gpu', state: 'running', attempts: 1 });
    repo.claimFairest.mockResolvedValueOnce(other);
    const { job: claimed, token } = await service.claim('id', 'w', { fair: true });
    expect(claimed).toBe(other);
    expect(repo.claimFairest).toHaveBeenCalledWith('gpu', 'w', hashToken(token));
    expect(repo.claim).not.toHaveBeenCalled();
  });

  it('a fair claim with nothing fairer to take answers like an exact claim', async () => {
    const { service, repo } = setup(job({ state: 'completed' }));
    await expect(service.claim('id', 'w', { fair: true })).rejects.toThrow(ConflictException);
    expect(repo.claimFairest).toHaveBeenCalled();
    await expect(setup(null).service.claim('id', 'w', { fair: true })).rejects.toThrow(
      NotFoundException,
    );
  });

  it('a fair claim fails the named job when its attempts are used up', async () => {
    const { service, repo } = setup(job({ attempts: 3, maxAttempts: 3 }));
    repo.claimFairest.mockResolvedValueOnce(job({ id: 'other', state: 'running' }));
    await service.claim('id', 'w', { fair: true });
    expect(repo.failExhausted).toHaveBeenCalledWith('id', 'Gave up after 3 of 3 attempts');
  });

  it('tells a worker its job was cancelled, and refuses a stale claim', async () => {
    expect(await setup(job({ state: 'cancelled' })).service.report('id', 't', 5, [])).toEqual({
      cancelled: true,
    });
    await expect(setup(job({ state: 'running' })).service.report('id', 't', 5, [])).rejects.toThrow(
      /no longer current/,
    );
    expect(await setup(job(), job({ state: 'running' })).service.report('id', 't', 5, [])).toEqual({
      cancelled: false,
    });
  });

  it('keeps the reason of a failure reported after the claim was released', async () => {
    const { service, repo } = setup(job({ state: 'running', workerId: 'other' }));
    await expect(service.fail('id', 'old-token', 'source unreadable')).rejects.toThrow(
      /no longer current/,
    );
    expect(repo.appendLog).toHaveBeenCalledWith('id', [
      'An earlier attempt reported failing: source unreadable',
    ]);
  });

  it('trims log lines to a sane size', async () => {
    const { service, repo } = setup(job(), job({ state: 'running' }));
    const lines = Array.from({ length: 250 }, (_, i) => `${i}:${'y'.repeat(3000)}`);
    await service.report('id', 't', undefined, lines);
    const sent = repo.report.mock.calls[0] as unknown as [string, string, number | null, string[]];
    expect(sent[2]).toBeNull();
    expect(sent[3]).toHaveLength(200);
    expect(sent[3][0]).toMatch(/^50:/);
    expect(sent[3][0]!.length).toBe(2000);
  });

  it('explains why cancel and retry are refused', async () => {
    await expect(setup(job({ state: 'completed' })).service.cancel('id', {})).rejects.toThrow(
      /is completed and cannot be cancelled/,
    );
    await expect(setup(job({ state: 'running' })).service.retry('id', {})).rejects.toThrow(
      /only failed or cancelled jobs can be retried/,
    );
  });

  it('shows dates as ISO strings and never the token hash', () => {
    const dto = setup(null).service.toDto(job({ claimTokenHash: 'secret-hash' }));
    expect(dto.createdAt).toBe('2026-11-25T10:00:00.000Z');
    expect(JSON.stringify(dto)).not.toContain('secret-hash');
  });

  describe('sweeping silent jobs', () => {
    const started = new Date('2026-12-01T10:00:00Z');
    beforeEach(() => jest.useFakeTimers({ now: started, doNotFake: ['nextTick', 'setImmediate'] }));
    afterEach(() => jest.useRealTimers());

    it('releases the jobs of a worker whose heartbeats stopped, saying so, before the stall timeout', async () => {
      const running = job({ state: 'running', workerId: 'w1-abc', attempts: 1 });
      const { service, repo } = setup(null, job({ state: 'queued' }));
      repo.findRunningOnSilentWorkers.mockResolvedValue([running]);
      const now = started.getTime() + 121_000;
      jest.setSystemTime(now);
      expect(await service.releaseStalled()).toHaveLength(1);
      const [silentSince] = repo.findRunningOnSilentWorkers.mock.calls[0] as unknown as [Date];
      expect(silentSince.getTime()).toBe(now - 15_000);
      expect(repo.releaseStalled).toHaveBeenCalledWith(
        running.id,
        silentSince,
        'Worker w1-abc stopped sending heartbeats (none for 15 s); attempt 1 of 3 abandoned',
        silentSince,
      );
      const [stalledSince] = repo.findRunningNotUpdatedSince.mock.calls[0] as unknown as [Date];
      expect(stalledSince.getTime()).toBe(now - 120_000);
    });

    it('counts silence only from its own start: an outage of the API is not a silent worker', async () => {
      const { service, repo } = setup(null);
      jest.setSystemTime(started.getTime() + 14_000);
      await service.releaseStalled();
      expect(repo.findRunningOnSilentWorkers).not.toHaveBeenCalled();
      expect(repo.findRunningNotUpdatedSince).not.toHaveBeenCalled();
      // Up for the heartbeat timeout, not yet for the stall timeout.
      jest.setSystemTime(started.getTime() + 16_000);
      await service.releaseStalled();
      expect(repo.findRunningOnSilentWorkers).toHaveBeenCalledTimes(1);
      expect(repo.findRunningNotUpdatedSince).not.toHaveBeenCalled();
    });
  });

  it('with a cutoff (a restart), releases every running job silent since, heartbeat or not', async () => {
    const { service, repo } = setup(null);
    const cutoff = new Date();
    await service.releaseStalled(cutoff);
    expect(repo.findRunningOnSilentWorkers).not.toHaveBeenCalled();
    expect(repo.findRunningNotUpdatedSince).toHaveBeenCalledWith(cutoff);
  });
});
