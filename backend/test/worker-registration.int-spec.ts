import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  API_PATHS,
  WORKER_KEY_HEADER,
  type AdminWorkerDto,
  type ClaimJobResponse,
  type JobDto,
  type WorkerRegistrationTokenDto,
  type WorkerRevokeResponse,
} from '@clippyfront/shared';
import { registerUsers } from './support/clips-client.js';
import { FakeWorker, registerWorker } from './support/fake-worker.js';
import { childProcesses } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import {
  startWorkerProcess,
  workerStateDir,
  type WorkerProcess,
} from './support/worker-process.js';

const WORKER_API_KEY = 'registration-test-worker-key-0123456789';

interface ErrorBody {
  message: string;
}

describe('worker registration and identity (real worker processes)', () => {
  const redis = createRedisPrefix('wreg');
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  const processes: WorkerProcess[] = [];
  const stateDirs: string[] = [];
  const stateDir = () => {
    stateDirs.push(workerStateDir());
    return stateDirs.at(-1)!;
  };

  const startWorker = (name: string, stateDir: string, env: Record<string, string> = {}) => {
    const all: Record<string, string> = {
      CLIPPY_API_URL: app.baseUrl,
      WORKER_API_KEY,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_NAME: name,
      WORKER_STATE_DIR: stateDir,
      WORKER_HEARTBEAT_SECONDS: '1',
      ...env,
    };
    // An empty value leaves the variable out.
    const worker = startWorkerProcess(
      Object.fromEntries(Object.entries(all).filter(([, value]) => value !== '')),
    );
    processes.push(worker);
    return worker;
  };
  const registered = async () => (await app.api<AdminWorkerDto[]>(API_PATHS.admin.workers)).body;
  const job = async (id: string) => (await app.api<JobDto>(API_PATHS.job(id))).body;
  const probe = async () => {
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 10, width: 1920, height: 1080, fps: 60 },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const jobWhen = (id: string, what: string, check: (job: JobDto) => boolean, ms = 120_000) =>
    waitFor(
      what,
      async () => {
        const current = await job(id);
        return check(current) ? current : undefined;
      },
      ms,
    ).catch(async (error: Error) => {
      const output = processes.map((p) => p.output()).join('\n---\n');
      throw new Error(`${error.message}: ${JSON.stringify(await job(id))}\n${output}`);
    });
  const savedToken = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'worker-token.json'), 'utf8')) as {
      workerId: string;
      token: string;
    };
  const beat = (token: string, body: object = {}) =>
    api<ErrorBody>(app.baseUrl, API_PATHS.worker.heartbeat, {
      headers: { [WORKER_KEY_HEADER]: token },
      body: {
        name: 'x',
        queues: ['celery'],
        concurrency: 1,
        version: '1',
        ffmpegVersion: null,
        ...body,
      },
    });

  beforeAll(async () => {
    db = await createTestDatabase('worker_registration');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    for (const worker of processes) {
      for (const pid of childProcesses(worker.child.pid!, 'pid')) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
    await Promise.all(processes.map((worker) => worker.stop('SIGKILL')));
    await sql?.end();
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a worker registers once, keeps its token 0600 in its state folder, and reuses it after a restart', async () => {
    const dir = stateDir();
    const first = startWorker('keeper', dir);
    // Registration marks it online before the worker has saved the answer: wait for both.
    const listed = await waitFor('the worker registered and online', async () =>
      existsSync(join(dir, 'worker-token.json'))
        ? (await registered()).find((w) => w.name === 'keeper' && w.online)
        : undefined,
    );
    const saved = savedToken(dir);
    expect(saved.workerId).toBe(listed.workerId);
    expect(saved.token).toMatch(/^cfw_/);
    expect(statSync(join(dir, 'worker-token.json')).mode & 0o777).toBe(0o600);
    await waitFor('the worker to say it registered', async () =>
      /Registered as worker keeper-/.test(first.output()) ? true : undefined,
    );
    // Nothing secret in the list; the token is stored hashed.
    expect(JSON.stringify(await registered())).not.toContain(saved.token);
    const { rows } = await sql.query<{ token_hash: string }>(
      'SELECT token_hash FROM workers WHERE id = $1',
      [saved.workerId],
    );
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    await first.stop('SIGTERM');
    const second = startWorker('keeper', dir);
    await waitFor('the restarted worker online', async () =>
      /Worker keeper-\w+ talking to/.test(second.output()) ? true : undefined,
    );
    expect(second.output()).not.toMatch(/Registered as worker/);
    expect(savedToken(dir)).toEqual(saved);
    expect((await registered()).filter((w) => w.name === 'keeper')).toHaveLength(1);
    await second.stop('SIGTERM');
  }, 120_000);

  it("a revoked worker's next call is 401, it stops, and its job runs to completion on another worker", async () => {
    const dirs = { alpha: stateDir(), bravo: stateDir() };
    const pool = {
      alpha: startWorker('alpha', dirs.alpha),
      bravo: startWorker('bravo', dirs.bravo),
    };
    await waitFor('both workers online', async () => {
      const online = (await registered()).filter((w) => w.online && /^(alpha|bravo)$/.test(w.name));
      return online.length === 2 ? true : undefined;
    });
    const id = await probe();
    const first = await jobWhen(
      id,
      'the job to run',
      (j) => j.state === 'running' && j.progress > 5,
    );
    const holder = first.workerId!.startsWith('alpha-') ? 'alpha' : 'bravo';
    const doomed = pool[holder];
    const token = savedToken(dirs[holder]).token;
    const ffmpegs = childProcesses(doomed.child.pid!, 'pid');

    const revoked = await app.api<WorkerRevokeResponse>(
      API_PATHS.admin.workerRevoke(first.workerId!),
      { body: {} },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.releasedJobs).toBe(1);
    // At once: no caching window.
    const refused = await beat(token);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/revoked/);

    // The worker learns it on its next call, says so and exits (3), not re-registering.
    expect(await doomed.exited).toBe(3);
    expect(doomed.output()).toMatch(/refused this worker's token .*revoked/);
    for (const pid of ffmpegs) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }

    const done = await jobWhen(id, 'the job to finish elsewhere', (j) =>
      ['completed', 'failed'].includes(j.state),
    );
    expect(done.state).toBe('completed');
    expect(done.workerId).not.toBe(first.workerId);
    expect(done.log).toEqual(
      expect.arrayContaining([`Worker ${first.workerId} was revoked; attempt 1 of 3 abandoned`]),
    );
    expect(done.log.filter((line) => line === 'Completed')).toHaveLength(1);

    // Started again with the same state folder (and the shared key): it does not come back.
    const again = startWorker(holder, dirs[holder]);
    expect(await again.exited).toBe(3);
    expect(again.output()).toMatch(/revoked.*delete .*worker-token\.json/);
    expect(savedToken(dirs[holder]).token).toBe(token);

    const list = await registered();
    const gone = list.find((w) => w.workerId === first.workerId)!;
    expect(gone).toMatchObject({ online: false, revokedAt: expect.any(String), jobsRunning: 0 });
    const other = list.find((w) => w.workerId === done.workerId)!;
    expect(other.jobsCompleted).toBeGreaterThanOrEqual(1);
    // Revoking an unknown worker: 404; a user cannot revoke: 403.
    expect((await app.api(API_PATHS.admin.workerRevoke('nobody-1'), { body: {} })).status).toBe(
      404,
    );
    const [userToken] = await registerUsers(app, 'plain_wreg');
    const asUser = await api(app.baseUrl, API_PATHS.admin.workerRevoke(done.workerId!), {
      token: userToken,
      body: {},
    });
    expect(asUser.status).toBe(403);
    expect((await api(app.baseUrl, API_PATHS.admin.workers, { token: userToken })).status).toBe(
      403,
    );
    await pool[holder === 'alpha' ? 'bravo' : 'alpha'].stop('SIGTERM');
  }, 300_000);

  it("one worker cannot update, complete or fail another's job; forged worker ids are refused", async () => {
    const alice = await FakeWorker.register(app.baseUrl, WORKER_API_KEY, 'fake-alice');
    const bob = await FakeWorker.register(app.baseUrl, WORKER_API_KEY, 'fake-bob');
    // No real worker consumes this test's queue now: the fake ones claim by hand.
    const id = await probe();
    const claim = await api<ClaimJobResponse>(app.baseUrl, API_PATHS.worker.claim(id), {
      body: {},
      headers: alice.headers,
    });
    expect(claim.status).toBe(200);
    const jobId = claim.body.jobId;
    const before = await job(jobId);
    expect(before).toMatchObject({ state: 'running', workerId: alice.workerId });

    // Bob, even holding Alice's claim token: 403, the job unchanged.
    const stolen = claim.body.token;
    expect((await bob.update(jobId, stolen, 90)).status).toBe(403);
    expect((await bob.complete(jobId, stolen, { ok: true })).status).toBe(403);
    expect((await bob.fail(jobId, stolen, 'sabotage')).status).toBe(403);
    // Without it: the claim is not his (409), as for any stale claim.
    expect((await bob.update(jobId, 'x'.repeat(43), 90)).status).toBe(409);
    const after = await job(jobId);
    expect(after).toMatchObject({ state: 'running', workerId: alice.workerId, progress: 0 });
    expect(after.log).toEqual(before.log);

    // A worker id in the body that is not the token's: 403.
    const forgedClaim = await api<ErrorBody>(app.baseUrl, API_PATHS.worker.claim(id), {
      body: { workerId: alice.workerId },
      headers: bob.headers,
    });
    expect(forgedClaim.status).toBe(403);
    const forgedBeat = await beat(bob.headers[WORKER_KEY_HEADER]!, { workerId: alice.workerId });
    expect(forgedBeat.status).toBe(403);
    expect(forgedBeat.body.message).toMatch(/workerId/);

    expect((await alice.update(jobId, stolen, 40)).status).toBe(200);
    expect((await alice.complete(jobId, stolen, { ok: true })).status).toBe(204);
    expect(await job(jobId)).toMatchObject({ state: 'completed', workerId: alice.workerId });
  });

  it('bad, missing and shared-key credentials on worker calls are 401; registration needs a good one', async () => {
    expect((await beat('')).status).toBe(401);
    expect((await beat('cfw_not-a-real-token')).status).toBe(401);
    const shared = await beat(WORKER_API_KEY);
    expect(shared.status).toBe(401);
    expect(shared.body.message).toMatch(/only registers a worker/);
    const noHeader = await api(app.baseUrl, API_PATHS.worker.heartbeat, { body: {} });
    expect(noHeader.status).toBe(401);
    const media = await fetch(`${app.baseUrl}${API_PATHS.media.raw(crypto.randomUUID())}`, {
      headers: { [WORKER_KEY_HEADER]: WORKER_API_KEY },
    });
    expect(media.status).toBe(401);

    await expect(registerWorker(app.baseUrl, 'wrong-key-0123456789012345')).rejects.toThrow(/401/);
    await expect(registerWorker(app.baseUrl, '')).rejects.toThrow(/401/);
    const badBody = await api<ErrorBody>(app.baseUrl, API_PATHS.worker.register, {
      body: { name: '', queues: ['nope'] },
      headers: { [WORKER_KEY_HEADER]: WORKER_API_KEY },
    });
    expect(badBody.status).toBe(400);
  });

  it('a one-time registration token registers exactly one worker, and not after it expires', async () => {
    const made = await app.api<WorkerRegistrationTokenDto>(
      API_PATHS.admin.workerRegistrationTokens,
      { body: { expiresInMinutes: 10 } },
    );
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^cfr_/);
    const once = await registerWorker(app.baseUrl, made.body.token, 'invited');
    expect((await beat(once.token)).status).toBe(204);
    await expect(registerWorker(app.baseUrl, made.body.token, 'again')).rejects.toThrow(/401/);

    const expiring = await app.api<WorkerRegistrationTokenDto>(
      API_PATHS.admin.workerRegistrationTokens,
      { body: {} },
    );
    expect(new Date(expiring.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    await sql.query(
      `UPDATE worker_registration_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.body.id],
    );
    await expect(registerWorker(app.baseUrl, expiring.body.token, 'late')).rejects.toThrow(/401/);
    const { rows } = await sql.query<{ token_hash: string }>(
      'SELECT token_hash FROM worker_registration_tokens',
    );
    expect(JSON.stringify(rows)).not.toContain(made.body.token);

    const tooLong = await app.api<ErrorBody>(API_PATHS.admin.workerRegistrationTokens, {
      body: { expiresInMinutes: 100_000 },
    });
    expect(tooLong.status).toBe(400);
    expect(String(tooLong.body.message)).toMatch(/expiresInMinutes/);
  });

  it('a worker with only a registration token registers with it and works', async () => {
    const made = await app.api<WorkerRegistrationTokenDto>(
      API_PATHS.admin.workerRegistrationTokens,
      { body: {} },
    );
    const dir = stateDir();
    const invited = startWorker('invited-proc', dir, {
      WORKER_API_KEY: '',
      WORKER_REGISTRATION_TOKEN: made.body.token,
    });
    // Registering marks the worker seen; the process saves its token just after the answer.
    await waitFor('the invited worker online with its token saved', async () =>
      (await registered()).find(
        (w) => w.name === 'invited-proc' && w.online && existsSync(join(dir, 'worker-token.json')),
      ),
    );
    await invited.stop('SIGTERM');
  }, 60_000);
});
