import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from './api-client.js';

/** A loopback stand-in for the API: each path answers what the test sets. */
describe('ApiClient (loopback stand-in)', () => {
  let server: Server;
  let baseUrl: string;
  let answers: Record<string, [number, unknown]>;
  let seen: { path: string; authorization: string | undefined }[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url!.split('?')[0]!;
      seen.push({ path: request.url!, authorization: request.headers.authorization });
      const [status, body] = answers[path] ?? [404, { message: 'Not found' }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    answers = {};
    seen = [];
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const degraded = { status: 'degraded', detailed: false, clipSources: { external: false } };

  it('reads a degraded health (503) as an answer, not as unreachable', async () => {
    answers['/api/health'] = [503, degraded];
    const snapshot = await new ApiClient(baseUrl, null).snapshot();
    expect(snapshot).toEqual({
      health: degraded,
      admin: null,
      adminError: 'no admin API token: pass --token or --token-file',
    });
    expect(seen).toEqual([{ path: '/api/health', authorization: undefined }]);
  });

  it('names a refused token (401) and a non-admin token (403)', async () => {
    answers['/api/health'] = [200, { ...degraded, status: 'ok' }];
    answers['/api/admin/system'] = [401, { statusCode: 401, message: 'Unauthorized' }];
    const refused = await new ApiClient(baseUrl, 'cfp_old').snapshot();
    expect(refused.adminError).toBe('the API token was refused (401): make a new one');
    expect(seen[0]!.authorization).toBe('Bearer cfp_old');
    answers['/api/admin/system'] = [403, { statusCode: 403, message: 'Forbidden' }];
    expect((await new ApiClient(baseUrl, 'cfp_user').snapshot()).adminError).toBe(
      'the API token is not an admin’s (403)',
    );
  });

  it('counts jobs per state and projects from the lists’ totals', async () => {
    answers['/api/health'] = [200, { ...degraded, status: 'ok' }];
    answers['/api/admin/system'] = [200, { version: '0.1.0', workers: [], queues: [] }];
    answers['/api/jobs'] = [200, { items: [], total: 4 }];
    answers['/api/admin/projects'] = [200, { items: [], total: 7 }];
    const { admin } = await new ApiClient(baseUrl, 'cfp_admin').snapshot();
    expect(admin).toMatchObject({
      projects: 7,
      jobCounts: { queued: 4, running: 4, completed: 4, failed: 4, cancelled: 4 },
    });
    expect(seen.map((request) => request.path)).toEqual(
      expect.arrayContaining([
        '/api/jobs?state=running&limit=50',
        '/api/jobs?state=failed&limit=1',
        '/api/admin/projects?limit=1',
      ]),
    );
  });

  it('throws on an error answer, naming the path and the status', async () => {
    await expect(new ApiClient(baseUrl, null).snapshot()).rejects.toThrow(
      '/api/health: 404 Not found',
    );
  });
});
