import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type RunningApp } from '../../src/app.factory.js';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config.js';

export interface TestApp {
  baseUrl: string;
  config: AppConfig;
  running: RunningApp;
  instanceDir: string;
  close(options?: { keepInstance?: boolean }): Promise<void>;
}

/** Starts the real API on a free loopback port with its own instance folder. */
export async function startTestApp(
  env: Record<string, string> = {},
  instanceDir = mkdtempSync(join(tmpdir(), 'clippyfront-test-')),
): Promise<TestApp> {
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    CLIPPY_INSTANCE_PATH: instanceDir,
    ...env,
  });
  const running = await createApp(config, { stdoutLogs: false });
  await running.app.listen(0, '127.0.0.1');
  const address = running.app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    config,
    running,
    instanceDir,
    async close(options = {}) {
      await running.close();
      if (!options.keepInstance) rmSync(instanceDir, { recursive: true, force: true });
    },
  };
}

export async function api<T = unknown>(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...init.headers },
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
