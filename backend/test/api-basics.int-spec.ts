import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PATHS, type HealthDto, type JobDto } from '@clippyfront/shared';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import {
  generateOpenApiDocument,
  OPENAPI_FILE,
  serializeOpenApi,
} from '../src/openapi/generate-openapi.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { registerUsers } from './support/clips-client.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';

type ErrorBody = { statusCode: number; message: string | string[] };

describe('API basics (real PostgreSQL, in-process jobs)', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('api');
    app = await startTestApp({ DATABASE_URL: db.url, JSON_BODY_LIMIT: '10kb' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reports health: PostgreSQL up, jobs in-process, ffmpeg found, the in-process runner online', async () => {
    const { status, body } = await app.api<HealthDto>(API_PATHS.health);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database).toEqual({ status: 'up', mode: 'postgres' });
    expect(body.redis.status).toBe('embedded');
    expect(body.jobs.mode).toBe('in-process');
    expect(body.ffmpeg.available).toBe(true);
    expect(body.ffmpeg.version).toMatch(/^\d+\.\d+/);
    expect(body.workers.online).toBe(1);
    // The in-process runner reports the encoder it compiles with, like a worker.
    expect(body.ffmpeg.encoder?.encoder).toMatch(/^(libx264|h264_nvenc)$/);
    expect(body.workers.list[0].encoder).toEqual(body.ffmpeg.encoder);
    expect(body.clipSources).toEqual({ external: false });
  });

  it('tells visitors the overall status only, users also each part: no versions, paths or host names', async () => {
    const [user] = await registerUsers(app, 'health_user');
    const anonymous = await api(app.baseUrl, API_PATHS.health);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({
      status: 'ok',
      detailed: false,
      clipSources: { external: false },
    });
    const signedIn = await api(app.baseUrl, API_PATHS.health, { token: user });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      status: 'ok',
      detailed: false,
      database: { status: 'up' },
      redis: { status: 'embedded' },
      render: { ready: true, missing: [], reason: null, installCommand: null },
      clipSources: { external: false },
    });
    const admin = await app.api<HealthDto>(API_PATHS.health);
    expect(admin.body).toMatchObject({ detailed: true, version: expect.any(String) });
  });

  it('sends security headers (helmet)', async () => {
    const { headers } = await app.api(API_PATHS.health);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('serves OpenAPI JSON and UI, identical to the committed docs/openapi.json', async () => {
    const served = await app.api<{ paths: Record<string, unknown> }>(API_PATHS.openapi);
    expect(served.status).toBe(200);
    expect(Object.keys(served.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/jobs',
        '/api/jobs/{id}',
        '/api/worker/heartbeat',
      ]),
    );
    const generated = serializeOpenApi(await generateOpenApiDocument());
    const committed = readFileSync(join(PROJECT_ROOT, OPENAPI_FILE), 'utf8');
    expect(committed).toBe(generated); // stale? run: npm run build && npm run openapi
    const docs = await fetch(`${app.baseUrl}${API_PATHS.docs}`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    // Swagger UI needs inline styles; only its pages allow them, and never inline scripts.
    const docsPolicy = docs.headers.get('content-security-policy') ?? '';
    expect(docsPolicy).toContain("style-src 'self' 'unsafe-inline'");
    expect(docsPolicy).toContain("script-src 'self';");
  });

  it('answers unknown API routes with 404 JSON', async () => {
    const { status, body } = await app.api<ErrorBody>('/api/no-such-thing');
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, message: 'Cannot GET /api/no-such-thing' });
  });

  it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
    const malformed = await app.api<ErrorBody>(API_PATHS.probe, { raw: '{"width": 3' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.statusCode).toBe(400);
    expect(String(malformed.body.message)).toMatch(/JSON/);

    const oversized = await app.api<ErrorBody>(API_PATHS.probe, {
      body: { padding: 'x'.repeat(20_000) },
    });
    expect(oversized.status).toBe(413);
    expect(oversized.body.message).toMatch(/too large/);
  });

  it('validates bodies, queries and ids with field messages', async () => {
    const unknownField = await app.api<ErrorBody>(API_PATHS.probe, {
      body: { width: 99999, evil: true },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toEqual(
      expect.arrayContaining([
        'property evil should not exist',
        'width must not be greater than 1920',
      ]),
    );
    const wrongType = await app.api<ErrorBody>(API_PATHS.probe, { body: { fps: 'fast' } });
    expect(wrongType.status).toBe(400);
    const badState = await app.api<ErrorBody>(`${API_PATHS.jobs}?state=exploded`);
    expect(badState.status).toBe(400);
    const badLimit = await app.api<ErrorBody>(`${API_PATHS.jobs}?limit=100000`);
    expect(badLimit.status).toBe(400);
    const badId = await app.api<ErrorBody>(API_PATHS.job('not-a-uuid'));
    expect(badId.status).toBe(400);
    const missing = await app.api<ErrorBody>(API_PATHS.job('7d9f4c1e-0b7a-4a51-9a57-2f0f4a1b9c3d'));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/not found/);
  });

  it('runs a probe job in-process and shows result, log and progress', async () => {
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 1, width: 160, height: 120, fps: 10 },
    });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('queued');
    const done = await waitFor('probe job to finish', async () => {
      const { body } = await app.api<JobDto>(API_PATHS.job(created.body.id));
      return ['completed', 'failed'].includes(body.state) ? body : undefined;
    });
    expect(done.state).toBe('completed');
    expect(done.progress).toBe(100);
    expect(done.attempts).toBe(1);
    expect(done.result).toMatchObject({
      video: { codec: 'h264', width: 160, height: 120, fps: 10 },
      audio: { codec: 'aac', sampleRate: 48000 },
    });
    expect((done.result as { durationSeconds: number }).durationSeconds).toBeCloseTo(1, 0);
    expect(done.log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Generating test clip: 160x120/),
        'Completed',
      ]),
    );

    const listed = await app.api<{ items: JobDto[]; total: number }>(
      `${API_PATHS.jobs}?state=completed`,
    );
    expect(listed.body.items.map((job) => job.id)).toContain(done.id);
    const none = await app.api<{ items: JobDto[] }>(`${API_PATHS.jobs}?state=failed`);
    expect(none.body.items.map((job) => job.id)).not.toContain(done.id);

    const cancel = await app.api<ErrorBody>(API_PATHS.jobCancel(done.id), {
      method: 'POST',
    });
    expect(cancel.status).toBe(409);
    const retry = await app.api<ErrorBody>(API_PATHS.jobRetry(done.id), {
      method: 'POST',
    });
    expect(retry.status).toBe(409);
    expect(retry.body.message).toMatch(/only failed or cancelled/);
  });

  it('cancels a running job (ffmpeg killed) and retries it to completion', async () => {
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 10, width: 1920, height: 1080, fps: 60 },
    });
    await waitFor('job to run', async () => {
      const { body } = await app.api<JobDto>(API_PATHS.job(created.body.id));
      return body.state === 'running' ? body : undefined;
    });
    const cancelled = await app.api<JobDto>(API_PATHS.jobCancel(created.body.id), {
      method: 'POST',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    // The handler stops: no later report may change the state.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await app.api<JobDto>(API_PATHS.job(created.body.id));
    expect(after.body.state).toBe('cancelled');

    const retried = await app.api<JobDto>(API_PATHS.jobRetry(created.body.id), {
      method: 'POST',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('queued');
    expect(retried.body.attempts).toBe(0);
  });

  it('keeps the worker API closed when WORKER_API_KEY is not configured', async () => {
    const { status, body } = await app.api<ErrorBody>(API_PATHS.worker.heartbeat, {
      body: {},
    });
    expect(status).toBe(404);
    expect(body.message).toBe('The worker API is disabled: set WORKER_API_KEY on the server');
  });

  it('writes JSON logs under instance/logs', async () => {
    await app.running.logger.flush();
    const logs = join(app.instanceDir, 'logs');
    expect(existsSync(logs)).toBe(true);
    expect(readdirSync(logs).some((name) => /^clippyfront\.\d+\.log$/.test(name))).toBe(true);
  });
});
