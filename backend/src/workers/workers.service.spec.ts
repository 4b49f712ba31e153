import { jest } from '@jest/globals';
import {
  ForbiddenException,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { WorkerRegisterRequest } from '@clippyfront/shared';
import { sha256 } from '../auth/secrets.js';
import { loadAppConfig } from '../config/app-config.js';
import type { WorkerEntity } from './worker.entity.js';
import type { WorkersRepository } from './workers.repository.js';
import { WorkersService } from './workers.service.js';

const KEY = 'shared-worker-key-0123456789';
const about: WorkerRegisterRequest = {
  name: 'render box',
  queues: ['gpu'],
  concurrency: 2,
  version: '1.2.3',
  ffmpegVersion: '7.1',
};

function worker(overrides: Partial<WorkerEntity> = {}): WorkerEntity {
  const now = new Date('2026-12-01T10:00:00Z');
  return {
    id: 'box-1',
    name: 'box',
    queues: ['gpu'],
    concurrency: 1,
    version: '1',
    ffmpegVersion: null,
    encoder: null,
    lastSeenAt: now,
    createdAt: now,
    tokenHash: null,
    revokedAt: null,
    bootId: null,
    ...overrides,
  };
}

function setup(env: Record<string, string> = { WORKER_API_KEY: KEY }) {
  const rows = new Map<string, WorkerEntity>();
  const repo = {
    create: jest.fn(async (id: string, _about: WorkerRegisterRequest, tokenHash: string) => {
      rows.set(tokenHash, worker({ id, tokenHash }));
    }),
    findByTokenHash: jest.fn(async (hash: string) => rows.get(hash) ?? null),
    findById: jest.fn(async (id: string) => [...rows.values()].find((r) => r.id === id) ?? null),
    useRegistrationToken: jest.fn(async (): Promise<boolean> => false),
    beat: jest.fn(async (): Promise<string | null> => null),
    seenSince: jest.fn(async () => [...rows.values()]),
    revoke: jest.fn(async (id: string, at: Date) => {
      const row = [...rows.values()].find((r) => r.id === id);
      if (row) row.revokedAt = at;
      return !!row;
    }),
    createRegistrationToken: jest.fn(async (input: { expiresAt: Date }) => ({
      id: 'reg-1',
      ...input,
    })),
  };
  const service = new WorkersService(
    repo as unknown as WorkersRepository,
    loadAppConfig({ CLIPPY_INSTANCE_PATH: '/tmp/clippy-workers-spec', ...env }),
  );
  return { service, repo };
}

describe('WorkersService', () => {
  it('registers with WORKER_API_KEY: an id from the name and a token stored only hashed', async () => {
    const { service, repo } = setup();
    const { workerId, token } = await service.register(KEY, about);
    expect(workerId).toMatch(/^render_box-[0-9a-f]{8}$/);
    expect(token).toMatch(/^cfw_[\w-]{43}$/);
    expect(repo.create).toHaveBeenCalledWith(workerId, about, sha256(token), expect.any(Date));
    expect(await service.authenticate(token)).toEqual({ id: workerId, name: 'box' });
  });

  it('refuses to register with a wrong key or an unusable registration token (401)', async () => {
    const { service, repo } = setup();
    await expect(service.register('wrong-key-0123456789', about)).rejects.toThrow(
      UnauthorizedException,
    );
    await expect(service.register('cfr_used-or-expired', about)).rejects.toThrow(
      UnauthorizedException,
    );
    expect(repo.useRegistrationToken).toHaveBeenCalledWith(
      sha256('cfr_used-or-expired'),
      expect.stringMatching(/^render_box-/),
    );
    expect(repo.create).not.toHaveBeenCalled();
  });

  it('registers with a one-time registration token the repository lets it use', async () => {
    const { service, repo } = setup();
    repo.useRegistrationToken.mockResolvedValueOnce(true);
    const { token } = await service.register('cfr_fresh', about);
    expect(token).toMatch(/^cfw_/);
  });

  it('a registration token is only made hashed, with its expiry', async () => {
    const { service, repo } = setup();
    const made = await service.createRegistrationToken('admin-id', 30);
    expect(made.token).toMatch(/^cfr_/);
    expect(repo.createRegistrationToken).toHaveBeenCalledWith({
      tokenHash: sha256(made.token),
      createdBy: 'admin-id',
      expiresAt: new Date(made.expiresAt),
    });
  });

  it('refuses missing, unknown and shared-key credentials on worker calls (401)', async () => {
    const { service } = setup();
    await expect(service.authenticate(undefined)).rejects.toThrow(UnauthorizedException);
    await expect(service.authenticate('cfw_unknown')).rejects.toThrow(/valid worker token/);
    await expect(service.authenticate(KEY)).rejects.toThrow(/only registers a worker/);
  });

  it('a revoked token fails on its very next call, saying it was revoked', async () => {
    const { service } = setup();
    const { workerId, token } = await service.register(KEY, about);
    await service.revoke(workerId);
    await expect(service.authenticate(token)).rejects.toThrow(/was revoked by an admin/);
    expect(await service.isValidToken(token)).toBe(false);
    await expect(service.revoke('nobody')).rejects.toThrow(NotFoundException);
  });

  it("refuses a body naming another worker than the token's (403)", () => {
    const { service } = setup();
    const self = { id: 'box-1', name: 'box' };
    expect(() => service.assertSelf(self, 'box-2')).toThrow(ForbiddenException);
    expect(() => service.assertSelf(self, 'box-1')).not.toThrow();
    expect(() => service.assertSelf(self, undefined)).not.toThrow();
  });

  it('a heartbeat with a new boot id says the worker restarted', async () => {
    const { service, repo } = setup();
    const self = { id: 'box-1', name: 'box' };
    const beat = { ...about, bootId: 'boot-two' };
    repo.beat.mockResolvedValueOnce(null);
    expect(await service.heartbeat(self, beat)).toBe(false);
    repo.beat.mockResolvedValueOnce('boot-two');
    expect(await service.heartbeat(self, beat)).toBe(false);
    repo.beat.mockResolvedValueOnce('boot-one');
    expect(await service.heartbeat(self, beat)).toBe(true);
    await expect(service.heartbeat(self, { ...beat, workerId: 'box-9' })).rejects.toThrow(
      ForbiddenException,
    );
  });

  it("stores an old worker's 'cpu' as celery, saying it is deprecated once per worker", async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { service, repo } = setup();
      const { workerId } = await service.register(KEY, { ...about, queues: ['cpu'] });
      expect(repo.create.mock.calls[0]?.[1].queues).toEqual(['celery']);
      const self = { id: workerId, name: 'render box' };
      for (let beat = 0; beat < 3; beat++) {
        await service.heartbeat(self, { ...about, queues: ['gpu', 'cpu', 'celery'] });
      }
      expect(repo.beat.mock.calls.map((call) => (call as unknown[])[1])).toEqual(
        Array(3).fill(expect.objectContaining({ queues: ['gpu', 'celery'] })),
      );
      await service.heartbeat({ id: 'other-1', name: 'other' }, { ...about, queues: ['cpu'] });
      await service.heartbeat({ id: 'new-1', name: 'new' }, { ...about, queues: ['celery'] });
      expect(warn.mock.calls.map(([message]) => message)).toEqual([
        `Worker ${workerId} (WORKER_QUEUES): queue name 'cpu' is deprecated; use 'celery'`,
        "Worker other-1 (WORKER_QUEUES): queue name 'cpu' is deprecated; use 'celery'",
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('knows an online worker from before the rename by its cpu, until it stops sending it', async () => {
    const { service } = setup();
    expect(await service.legacyConsumerOnline()).toBe(false);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { workerId } = await service.register(KEY, { ...about, queues: ['gpu', 'cpu'] });
      expect(await service.legacyConsumerOnline()).toBe(true);
      const self = { id: workerId, name: 'render box' };
      await service.heartbeat(self, { ...about, queues: ['gpu', 'celery'] });
      expect(await service.legacyConsumerOnline()).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });
});
