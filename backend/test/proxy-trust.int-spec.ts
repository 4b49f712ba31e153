import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PATHS } from '@clippyfront/shared';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * A reverse proxy as the README's deployments put in front of the API: it appends the address
 * it saw to X-Forwarded-For, after whatever the client sent (nginx's
 * `$proxy_add_x_forwarded_for`).
 */
function startProxy(target: string): Promise<{ url: string; close(): void }> {
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const sent = incoming.headers['x-forwarded-for'];
    const peer = incoming.socket.remoteAddress!.replace(/^::ffff:/, '');
    const relay = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, 'x-forwarded-for': sent ? `${sent}, ${peer}` : peer },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(relay);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}

/** A failed login sent from 127.0.0.2 with the given X-Forwarded-For; its status. */
function loginFromClient(baseUrl: string, forwardedFor: string, i: number): Promise<number> {
  const url = new URL(API_PATHS.auth.login, baseUrl);
  const body = JSON.stringify({ login: `nobody-${i}`, password: 'not-a-real-password' });
  return new Promise((resolve, reject) => {
    const sent = forward(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: '127.0.0.2',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      },
      (answer) => {
        answer.resume();
        answer.on('end', () => resolve(answer.statusCode!));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('TRUST_PROXY: clients cannot pick their own address for rate limits', () => {
  let db: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('proxy');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  /** 11 logins with a new forged address each: the 11th is refused like any client's. */
  async function loginsThrough(baseUrl: string, forged: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i++) statuses.push(await loginFromClient(baseUrl, forged(i), i));
    return statuses;
  }

  const refusedAtEleven = [...Array<number>(10).fill(401), 429];

  // The client is 127.0.0.2; the proxy (and the test harness) 127.0.0.1.
  for (const trust of ['1', '127.0.0.1', '127.0.0.1/32, 10.0.0.0/8']) {
    it(`TRUST_PROXY=${trust}: the address the proxy saw counts, not the forged ones`, async () => {
      const app = await startTestApp({
        DATABASE_URL: db.url,
        TRUST_PROXY: trust,
        RATELIMIT_LOGIN: '10 per minute',
      });
      apps.push(app);
      const proxy = await startProxy(app.baseUrl);
      try {
        expect(await loginsThrough(proxy.url, (i) => `203.0.113.${i}`)).toEqual(refusedAtEleven);
        // A forged chain that ends in a trusted-looking address changes nothing either.
        expect(await loginFromClient(proxy.url, 'spoof, 127.0.0.1', 12)).toBe(429);
      } finally {
        proxy.close();
      }
    });
  }

  it('without TRUST_PROXY a direct client’s X-Forwarded-For is ignored', async () => {
    const app = await startTestApp({ DATABASE_URL: db.url, RATELIMIT_LOGIN: '10 per minute' });
    apps.push(app);
    expect(await loginsThrough(app.baseUrl, (i) => `spoof-${i}, 127.0.0.${i}`)).toEqual(
      refusedAtEleven,
    );
  });
});
