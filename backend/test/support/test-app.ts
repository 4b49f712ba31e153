import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { API_PATHS, XSRF_COOKIE, XSRF_HEADER } from '@clippyfront/shared';
import { createApp, type RunningApp } from '../../src/app.factory.js';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import { tempInstanceDir } from './files.js';

export const TEST_ADMIN = { username: 'admin', password: 'test-admin-password-1' };

export interface TestApp {
  baseUrl: string;
  /** A personal API token of the admin created at first start. */
  adminToken: string;
  config: AppConfig;
  running: RunningApp;
  instanceDir: string;
  /** `api()` against this app, as the admin (Bearer) unless `token` says otherwise. */
  api<T = unknown>(
    path: string,
    init?: ApiInit,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /**
   * `dropConnections`: connections under way are cut, as when the API process ends, instead of
   * being waited for (a worker's ffmpeg may read a source for a long time).
   */
  close(options?: { keepInstance?: boolean; dropConnections?: boolean }): Promise<void>;
}

/**
 * Starts the real API on a free loopback port (or `options.port`, e.g. to restart an app where
 * workers expect it) with its own instance folder.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  instanceDir = tempInstanceDir('clippyfront-test-'),
  options: { port?: number } = {},
): Promise<TestApp> {
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    CLIPPY_INSTANCE_PATH: instanceDir,
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    RATELIMIT_DEFAULT: '100000 per minute',
    // Registrations count as logins (per IP); the tests of these limits set their own.
    RATELIMIT_LOGIN: '100000 per minute',
    RATELIMIT_COMPILE: '100000 per minute',
    RATELIMIT_CLIPS_ADD: '100000 per minute',
    RATELIMIT_TUS_CREATE: '100000 per minute',
    ...env,
  });
  const running = await createApp(config, { stdoutLogs: false });
  await running.app.listen(options.port ?? 0, '127.0.0.1');
  const address = running.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const adminToken = await createToken(baseUrl, TEST_ADMIN.username, TEST_ADMIN.password);
  return {
    baseUrl,
    adminToken,
    api: (path, init = {}) => api(baseUrl, path, { token: adminToken, ...init }),
    config,
    running,
    instanceDir,
    async close(options = {}) {
      const server = running.app.getHttpServer() as Server;
      const cut = options.dropConnections
        ? setInterval(() => server.closeAllConnections(), 100)
        : undefined;
      if (options.dropConnections) server.closeAllConnections();
      try {
        await running.close();
      } finally {
        clearInterval(cut);
      }
      if (!options.keepInstance) rmSync(instanceDir, { recursive: true, force: true });
    },
  };
}

export interface ApiInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string;
  /** Sent as Authorization: Bearer. */
  token?: string;
}

export async function api<T = unknown>(
  baseUrl: string,
  path: string,
  init: ApiInit = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: {
      'content-type': 'application/json',
      ...(init.token && { authorization: `Bearer ${init.token}` }),
      ...init.headers,
    },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** Polls until `check` returns a value, or fails with the last seen state. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Logs in with a password (a cookie session) and returns a new personal API token. */
export async function createToken(baseUrl: string, login: string, password: string) {
  const session = await BrowserSession.login(baseUrl, login, password);
  const { status, body } = await session.request<{ token: string }>(API_PATHS.auth.tokens, {
    body: { name: 'tests', currentPassword: password },
  });
  if (status !== 201)
    throw new Error(`Could not create a token: ${status} ${JSON.stringify(body)}`);
  return body.token;
}

/** A cookie jar that behaves like the SPA: session cookie plus the XSRF double-submit header. */
export class BrowserSession {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, login: string, password: string): Promise<BrowserSession> {
    const session = new BrowserSession(baseUrl);
    const { status, body } = await session.request(API_PATHS.auth.login, {
      body: { login, password },
    });
    if (status !== 200) throw new Error(`Login failed: ${status} ${JSON.stringify(body)}`);
    return session;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request<T = unknown>(
    path: string,
    init: ApiInit & { xsrf?: boolean } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const xsrf = this.cookies.get(XSRF_COOKIE);
    const result = await api<T>(this.baseUrl, path, {
      ...init,
      headers: {
        ...(this.cookies.size && { cookie: this.cookieHeader() }),
        ...(init.xsrf !== false && xsrf && { [XSRF_HEADER]: xsrf }),
        ...init.headers,
      },
    });
    for (const line of result.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return result;
  }
}
