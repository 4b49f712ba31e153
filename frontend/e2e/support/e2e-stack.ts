import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app-harness.js';
import { launchChromium } from './browser.js';
import { startClipServer, type ClipServer } from './clip-server.js';

/** What a Playwright spec runs against; filled in by the time its tests run. */
export interface E2eStack {
  /** A folder for the spec's files, removed afterwards. */
  workDir: string;
  app: RunningApp;
  browser: Browser;
  /** The "external site" serving the clips (only when the spec has clips). */
  clipServer: ClipServer;
}

export interface E2eStackOptions {
  adminPassword: string;
  /**
   * Clips to serve by path, made in the work folder: the app is then allowed to download from
   * this loopback server.
   */
  clips?: (workDir: string) => Record<string, Buffer>;
  /** More app settings, read when the app starts (e.g. a stand-in's URLs). */
  env?: () => Record<string, string>;
}

/**
 * Registers the spec's beforeAll/afterAll: the app started as the README says (`npm start`),
 * Chromium, and the clip server when asked; all stopped and the work folder removed afterwards.
 */
export function useE2eStack(name: string, options: E2eStackOptions): E2eStack {
  const stack = { workDir: mkdtempSync(join(tmpdir(), `clippyfront-e2e-${name}-`)) } as E2eStack;

  beforeAll(async () => {
    const downloads: Record<string, string> = options.clips
      ? { ALLOW_EXTERNAL_URLS: 'true', DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true' }
      : {};
    if (options.clips) stack.clipServer = await startClipServer(options.clips(stack.workDir));
    stack.app = await startApp(options.adminPassword, { ...downloads, ...options.env?.() });
    stack.browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await stack.browser?.close();
    await stack.app?.stop();
    await stack.clipServer?.close();
    rmSync(stack.workDir, { recursive: true, force: true });
  });

  return stack;
}
