import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { jest } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { API_PATHS, WORKER_KEY_HEADER } from '@clippyfront/shared';
import { ClaimLostError } from '../runtime/claim-lost.js';
import { ApiClient, ApiError } from './api-client.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

interface Reply {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
}

const key = 'worker-key-0123456789';
let server: Server;
let baseUrl: string;
let received: Received[];
let reply: (request: Received) => Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      received.push(request);
      const { status, body, raw } = reply(request);
      const payload = raw ?? (body === undefined ? '' : JSON.stringify(body));
      res.writeHead(status, payload ? { 'content-type': 'application/json' } : {});
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  reply = () => ({ status: 200, body: {} });
});

const client = () => new ApiClient(baseUrl, key, 5000);

describe('ApiClient', () => {
  it('sends heartbeats as JSON with the worker key', async () => {
    reply = () => ({ status: 204 });
    const heartbeat = {
      workerId: 'w-1',
      name: 'render-01',
      queues: ['celery' as const],
      concurrency: 2,
      version: '0.1.0',
      ffmpegVersion: '9.9.9',
    };
    await expect(client().heartbeat(heartbeat)).resolves.toBeUndefined();

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(API_PATHS.worker.heartbeat);
    expect(request!.headers[WORKER_KEY_HEADER]).toBe(key);
    expect(request!.headers['x-worker-key']).toBe(key);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toEqual(heartbeat);
  });

  it('claims a job and returns the claim', async () => {
    const claim = { jobId: 'job-1', kind: 'probe', payload: { a: 1 }, attempt: 2, token: 't-1' };
    reply = () => ({ status: 201, body: claim });

    await expect(client().claim('job-1', 'w-1')).resolves.toEqual(claim);
    expect(received[0]!.url).toBe(API_PATHS.worker.claim('job-1'));
    expect(received[0]!.url).toBe('/api/worker/jobs/job-1/claim');
    expect(received[0]!.body).toEqual({ workerId: 'w-1', fair: true });
    expect(received[0]!.headers[WORKER_KEY_HEADER]).toBe(key);
  });

  it.each([409, 404])('claim returns null on %p (no longer claimable)', async (status) => {
    reply = () => ({ status, body: { statusCode: status, message: 'not claimable' } });
    await expect(client().claim('job-1', 'w-1')).resolves.toBeNull();
    expect(received).toHaveLength(1);
  });

  it('claim throws ApiError with the status on 500', async () => {
    reply = () => ({ status: 500, body: { statusCode: 500, message: 'database down' } });
    const error = await client()
      .claim('job-1', 'w-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect((error as ApiError).name).toBe('ApiError');
    expect((error as ApiError).message).toContain(API_PATHS.worker.claim('job-1'));
    expect((error as ApiError).message).toContain('database down');
  });

  it('claim throws ApiError on 401 (a wrong key is not "not claimable")', async () => {
    reply = () => ({ status: 401, body: { statusCode: 401, message: 'bad key' } });
    await expect(client().claim('job-1', 'w-1')).rejects.toMatchObject({
      name: 'ApiError',
      status: 401,
    });
  });

  it('update posts progress and log with the token and returns {cancelled}', async () => {
    reply = () => ({ status: 200, body: { cancelled: true } });
    const body = { token: 't-1', progress: 40, log: ['a', 'b'] };

    await expect(client().update('job-1', body)).resolves.toEqual({ cancelled: true });
    expect(received[0]!.url).toBe(API_PATHS.worker.update('job-1'));
    expect(received[0]!.body).toEqual(body);

    reply = () => ({ status: 200, body: { cancelled: false } });
    await expect(client().update('job-1', { token: 't-1', log: [] })).resolves.toEqual({
      cancelled: false,
    });
  });

  it('update throws ApiError for a revoked token (403)', async () => {
    reply = () => ({ status: 403, body: { statusCode: 403, message: 'token revoked' } });
    await expect(client().update('job-1', { token: 'old', log: [] })).rejects.toMatchObject({
      status: 403,
    });
  });

  it('complete and fail post to their paths', async () => {
    reply = () => ({ status: 204 });
    await client().complete('job-1', { token: 't', result: { ok: 1 }, log: ['done'] });
    await client().fail('job-2', { token: 'u', error: 'boom', log: [] });

    expect(received.map((r) => r.url)).toEqual([
      API_PATHS.worker.complete('job-1'),
      API_PATHS.worker.fail('job-2'),
    ]);
    expect(received[0]!.body).toEqual({ token: 't', result: { ok: 1 }, log: ['done'] });
    expect(received[1]!.body).toEqual({ token: 'u', error: 'boom', log: [] });
    expect(received.every((r) => r.headers[WORKER_KEY_HEADER] === key)).toBe(true);
  });

  it('keeps the base URL path prefix', async () => {
    reply = () => ({ status: 200, body: { cancelled: false } });
    await new ApiClient(`${baseUrl}/prefix`, key).update('j', { token: 't' });
    expect(received[0]!.url).toBe(`/prefix${API_PATHS.worker.update('j')}`);
  });

  it('gives an ApiError for an error without a JSON body', async () => {
    reply = () => ({ status: 502 });
    await expect(client().complete('job-1', { token: 't', result: null })).rejects.toMatchObject({
      name: 'ApiError',
      status: 502,
    });
  });

  // A proxy's HTML error page must still give an ApiError with the status.
  it('gives an ApiError with the status for a non-JSON error body', async () => {
    reply = () => ({ status: 502, raw: '<html><body>502 Bad Gateway</body></html>' });
    await expect(client().claim('job-1', 'w-1')).rejects.toMatchObject({
      name: 'ApiError',
      status: 502,
    });
  });

  describe('while the API is away (retrySeconds)', () => {
    const retrying = (notice?: (message: string) => void) =>
      new ApiClient(baseUrl, key, 5000, undefined, { retrySeconds: 20, notice });

    it('sends complete and fail again through 502/503/504 until they get through', async () => {
      const statuses = [503, 502, 504, 204];
      reply = () => ({ status: statuses.shift() ?? 204 });
      const notice = jest.fn<(message: string) => void>();
      await retrying(notice).complete('job-1', { token: 't', result: null });
      expect(received).toHaveLength(4);
      expect(notice.mock.calls.map(([message]) => message)).toEqual([
        expect.stringMatching(/completed: the API is unreachable .*503/),
        expect.stringMatching(/completed: the API answers again/),
      ]);

      received = [];
      const failing = [503, 204];
      reply = () => ({ status: failing.shift() ?? 204 });
      await retrying().fail('job-1', { token: 't', error: 'boom' });
      expect(received.map((r) => r.body)).toEqual([
        { token: 't', error: 'boom' },
        { token: 't', error: 'boom' },
      ]);
    });

    it('sends a report again when there is no server yet', async () => {
      const spare = createServer((req, res) => res.writeHead(204).end());
      await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
      const port = (spare.address() as AddressInfo).port;
      await new Promise<void>((resolve) => spare.close(() => resolve()));
      // Nothing listens on the port (connection refused) until the "restarted API" starts.
      const restarted = createServer((req, res) =>
        req.resume().on('end', () => res.writeHead(204).end()),
      );
      const reported = new ApiClient(`http://127.0.0.1:${port}`, key, 5000, undefined, {
        retrySeconds: 20,
      }).complete('job-1', { token: 't', result: null });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await new Promise<void>((resolve) => restarted.listen(port, '127.0.0.1', resolve));
      try {
        await expect(reported).resolves.toBeUndefined();
      } finally {
        restarted.closeAllConnections();
        await new Promise<void>((resolve) => restarted.close(() => resolve()));
      }
    });

    it.each([
      ['update', () => retrying().update('job-1', { token: 't' })],
      ['complete', () => retrying().complete('job-1', { token: 't', result: null })],
      ['fail', () => retrying().fail('job-1', { token: 't', error: 'x' })],
    ])('%s: a 409 is a lost claim, at once', async (_, call) => {
      reply = () => ({ status: 409, body: { message: 'this claim is no longer current' } });
      await expect(call()).rejects.toBeInstanceOf(ClaimLostError);
      expect(received).toHaveLength(1);
    });

    it('takes a 409 for a completed job as the answer to a complete sent twice', async () => {
      reply = () => ({
        status: 409,
        body: { message: 'Job j is completed and this claim is no longer current' },
      });
      await expect(
        retrying().complete('job-1', { token: 't', result: null }),
      ).resolves.toBeUndefined();
    });

    it('does not send again after another 4xx', async () => {
      reply = () => ({ status: 400, body: { message: 'bad' } });
      await expect(
        retrying().complete('job-1', { token: 't', result: null }),
      ).rejects.toMatchObject({ status: 400 });
      expect(received).toHaveLength(1);
    });

    it('gives ffmpeg reconnect options for media read over HTTP', () => {
      expect(retrying().mediaInput('m1').inputOptions).toEqual(
        expect.arrayContaining([
          '-reconnect',
          '-reconnect_on_network_error',
          '-reconnect_delay_max',
        ]),
      );
      expect(client().mediaInput('m1').inputOptions).not.toContain('-reconnect');
    });
  });

  it('times out a server that does not answer', async () => {
    reply = () => ({ status: 200, body: {} });
    const silent = createServer(() => undefined); // never responds
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      await expect(
        new ApiClient(`http://127.0.0.1:${port}`, key, 200).update('j', { token: 't' }),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
