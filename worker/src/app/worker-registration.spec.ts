import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerHeartbeatRequest, WorkerRegisterRequest } from '@clippyfront/shared';
import { ApiError } from './api-retry.js';
import type { WorkerConfig } from './worker-config.js';
import {
  obtainWorkerToken,
  WorkerAuthError,
  type RegistrationDeps,
} from './worker-registration.js';
import { WORKER_TOKEN_FILE, WorkerStateStore } from './worker-state.js';

const about: WorkerRegisterRequest = {
  name: 'box',
  queues: ['celery'],
  concurrency: 1,
  version: '1.0.0',
  ffmpegVersion: null,
};

describe('obtainWorkerToken', () => {
  let dir: string;
  let store: WorkerStateStore;
  let registrations: string[];
  let hellos: { token: string; beat: WorkerHeartbeatRequest }[];
  let helloAnswer: (token: string) => Promise<void>;
  const config = (over: Partial<WorkerConfig> = {}) =>
    ({
      apiUrl: 'http://api',
      apiKey: 'shared-key-0123456789',
      registrationToken: null,
      apiRetrySeconds: 0,
      ...over,
    }) as WorkerConfig;
  const deps = (): RegistrationDeps => ({
    store,
    register: async (credential) => {
      registrations.push(credential);
      return { workerId: `box-${registrations.length}`, token: `cfw_token${registrations.length}` };
    },
    hello: async (token, beat) => {
      hellos.push({ token, beat });
      await helloAnswer(token);
    },
    log: () => undefined,
    warn: () => undefined,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'worker-registration-'));
    store = new WorkerStateStore(join(dir, 'state'));
    registrations = [];
    hellos = [];
    helloAnswer = async () => undefined;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('registers once with WORKER_API_KEY, saves the token 0600, and reuses it on the next start', async () => {
    const first = await obtainWorkerToken(config(), about, 'boot-1', deps());
    expect(first).toEqual({ apiUrl: 'http://api', workerId: 'box-1', token: 'cfw_token1' });
    expect(registrations).toEqual(['shared-key-0123456789']);
    expect(statSync(join(dir, 'state', WORKER_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);

    const again = await obtainWorkerToken(config(), about, 'boot-2', deps());
    expect(again).toEqual(first);
    expect(registrations).toHaveLength(1);
    expect(hellos.map((h) => [h.token, h.beat.workerId, h.beat.bootId])).toEqual([
      ['cfw_token1', 'box-1', 'boot-1'],
      ['cfw_token1', 'box-1', 'boot-2'],
    ]);
  });

  it('registers with a one-time registration token when there is no shared key', async () => {
    await obtainWorkerToken(
      config({ apiKey: null, registrationToken: 'cfr_once' }),
      about,
      'b',
      deps(),
    );
    expect(registrations).toEqual(['cfr_once']);
  });

  it('refuses to start without a saved token or anything to register with', async () => {
    await expect(obtainWorkerToken(config({ apiKey: null }), about, 'b', deps())).rejects.toThrow(
      WorkerAuthError,
    );
    expect(registrations).toEqual([]);
  });

  it('a revoked token stops the worker: it does not register again', async () => {
    await obtainWorkerToken(config(), about, 'b', deps());
    helloAnswer = async () => {
      throw new ApiError(401, '/api/worker/heartbeat: 401 Worker box-1 was revoked by an admin');
    };
    await expect(obtainWorkerToken(config(), about, 'b2', deps())).rejects.toThrow(
      /revoked.*delete .*worker-token\.json/,
    );
    expect(registrations).toHaveLength(1);
  });

  it('a token the API does not know (a new database) is replaced by registering again', async () => {
    await obtainWorkerToken(config(), about, 'b', deps());
    helloAnswer = async (token) => {
      if (token === 'cfw_token1') throw new ApiError(401, '401 A valid worker token is required');
    };
    const saved = await obtainWorkerToken(config(), about, 'b2', deps());
    expect(saved.workerId).toBe('box-2');
    expect(await store.read()).toEqual(saved);
  });

  it('registers anew for another API, and over a broken state file', async () => {
    await obtainWorkerToken(config(), about, 'b', deps());
    await obtainWorkerToken(config({ apiUrl: 'http://other' }), about, 'b', deps());
    expect(registrations).toHaveLength(2);
    writeFileSync(store.path, 'not json');
    await obtainWorkerToken(config({ apiUrl: 'http://other' }), about, 'b', deps());
    expect(registrations).toHaveLength(3);
  });

  it('a refused registration (401) is a clear WorkerAuthError', async () => {
    const refusing = { ...deps(), register: async () => Promise.reject(new ApiError(401, 'nope')) };
    await expect(obtainWorkerToken(config(), about, 'b', refusing)).rejects.toThrow(
      /Registration refused: nope/,
    );
    expect(await store.read()).toBeNull();
  });
});
