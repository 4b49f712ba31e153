import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app-harness.js';
import { launchChromium } from './browser.js';
import { startClipServer, type ClipServer } from './clip-server.js';
import { startWorkers, type RunningWorkers, type WorkerSpec } from './worker-processes.js';
import { createRedisPrefix, TEST_REDIS_URL } from '../../../backend/test/support/test-redis.js';

const WORKER_API_KEY = 'e2e-worker-key-0123456789abcdef';

/** What a Playwright spec runs against; filled in by the time its tests run. */
export interface E2eStack {
  /** A folder for the spec's files, removed afterwards. */
  workDir: string;
  app: RunningApp;
  browser: Browser;
  /** The "external site" serving the clips (only when the spec has clips). */
  clipServer: ClipServer;
  /** The separate worker processes (only when the spec has `workers`). */
  workers: RunningWorkers;
}

export interface E2eStackOptions {
  adminPassword: string;
  /**
   * Clips to serve by path, made in the work folder: the app is then allowed to download from
   * this loopback server.
   */
  clips?: (workDir: string) => Record<string, Buffer>;
  /**
   * Jobs go through Redis (the shared server, a queue prefix of the spec's own) to these
   * separate worker processes instead of the in-process runner.
   */
  workers?: WorkerSpec[];
  /** More app settings, read when the app starts (e.g. a stand-in's URLs, `REGISTRATION_OPEN`). */
  env?: () => Record<string, string>;
}

/**
 * Registers the spec's beforeAll/afterAll: the app started as the README says (`npm start`),
 * Chromium, and the clip server and separate workers when asked; all stopped and the work
 * folder removed afterwards.
 */
export function useE2eStack(name: string, options: E2eStackOptions): E2eStack {
  const stack = { workDir: mkdtempSync(join(tmpdir(), `clippyfront-e2e-${name}-`)) } as E2eStack;
  const redis = createRedisPrefix(`e2e-${name}`);

  beforeAll(async () => {
    const downloads: Record<string, string> = options.clips
      ? { ALLOW_EXTERNAL_URLS: 'true', DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true' }
      : {};
    if (options.clips) stack.clipServer = await startClipServer(options.clips(stack.workDir));
    const queues: Record<string, string> = options.workers
      ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: redis.prefix, WORKER_API_KEY }
      : {};
    stack.app = await startApp(options.adminPassword, {
      ...downloads,
      ...queues,
      ...options.env?.(),
    });
    if (options.workers) {
      stack.workers = startWorkers(options.workers, {
        apiUrl: stack.app.baseUrl,
        apiKey: WORKER_API_KEY,
        redisUrl: TEST_REDIS_URL,
        queuePrefix: redis.prefix,
      });
    }
    stack.browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await stack.browser?.close();
    await stack.workers?.stop();
    await stack.app?.stop();
    await stack.clipServer?.close();
    if (options.workers) await redis.deleteKeys();
    rmSync(stack.workDir, { recursive: true, force: true });
  });

  return stack;
}
