import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitUntil, watchProblems } from './support/browser.js';
import { makeVideo } from './support/clip-server.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-7';
const USER = { username: 'e2e_exporter', email: 'e2e_exporter@example.com' };
const PASSWORD = 'a-good-password-77';
const PROJECT = 'E2E export “Best”';

/** Registers a new account through the SPA and logs in with it. */
async function registerAndLogIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByTestId('register-username').fill(USER.username);
  await page.getByTestId('register-email').fill(USER.email);
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await page.waitForURL(/\/login/);
  if (!(await page.getByTestId('login-login').inputValue())) {
    await page.getByTestId('login-login').fill(USER.username);
  }
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-username').filter({ hasText: USER.username }).waitFor();
}

/** A project with one downloaded clip on its timeline, compiled at 720p (through the SPA). */
async function compiledProject(page: Page, clipUrl: string, output: () => string): Promise<void> {
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-new').click();
  await page.getByTestId('project-create-name').fill(PROJECT);
  await page.getByTestId('project-create-submit').click();
  await page.waitForURL(/\/projects\/[^/?]+$/);
  await page.getByTestId('clips-urls').fill(clipUrl);
  await page.getByTestId('clips-add').click();
  await waitUntil(
    'the clip is ready',
    async () => (await page.locator('[data-testid="clip-row"][data-state="ready"]').count()) === 1,
    120_000,
  );
  await page.locator('[data-step="arrange"] button').click();
  await page.getByTestId('timeline-add-all').click();
  await page.getByTestId('timeline-card').first().waitFor();
  await page.locator('[data-testid="timeline-status"][data-state="saved"]').waitFor();
  await page.locator('[data-step="compile"] button').click();
  await page.getByTestId('compile-form').waitFor();
  await page.getByTestId('compile-resolution').selectOption('720p');
  await page.getByTestId('compile-start').click();
  await waitUntil(
    'the compile finishes',
    async () => {
      if (await page.getByTestId('compile-failed').isVisible()) {
        throw new Error(`The compile failed:\n${output().slice(-3000)}`);
      }
      return page.getByTestId('compile-result').isVisible();
    },
    240_000,
  );
}

describe('the Export step and the share page in Chromium (npm start)', () => {
  const stack = useE2eStack('export', {
    adminPassword: ADMIN_PASSWORD,
    clips: (dir) => ({ '/clips/bars.mp4': makeVideo(dir, 'bars.mp4', 'smptebars', 440, 3) }),
  });

  it('downloads the video, copies the chapters, shares it with a logged-out visitor, then stops sharing', async () => {
    const base = stack.app.baseUrl;
    const context = await stack.browser.newContext({
      viewport: { width: 1280, height: 1000 },
      acceptDownloads: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await registerAndLogIn(page, base);
    await compiledProject(page, stack.clipServer.url('/clips/bars.mp4'), stack.app.output);

    // Export: the latest compilation, ready to download.
    await page.locator('[data-step="export"] button').click();
    await page.waitForURL(/\?step=export$/);
    await page.getByTestId('export-player').waitFor();
    expect(await page.getByTestId('export-artifact-state').innerText()).toBe('Not exported');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${PROJECT}.mp4`);
    const saved = join(stack.workDir, 'downloaded.mp4');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');

    // One click copies the YouTube chapter list shown on the page.
    const shown = (await page.getByTestId('export-chapters-text').innerText()).trim();
    expect(shown).toMatch(/^00:00 /);
    await page.getByTestId('export-copy-chapters').click();
    await page.getByTestId('export-copy-status').filter({ hasText: 'Copied' }).waitFor();
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied.trim()).toBe(shown);

    // Sharing on: a visitor in another, logged-out browser context plays the video.
    await page.getByTestId('share-toggle').check();
    await page.getByTestId('share-status').filter({ hasText: 'Sharing is on.' }).waitFor();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(new RegExp(`^${base}/p/[A-Za-z0-9_-]{22}$`));

    const visitorContext = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const visitor = await visitorContext.newPage();
    const visitorProblems = watchProblems(visitor);
    const response = await visitor.goto(link);
    expect(response?.headers()['x-robots-tag']).toBe('noindex');
    await visitor.getByTestId('share-title').filter({ hasText: PROJECT }).waitFor();
    expect(await visitor.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    expect(await visitor.locator('header').count()).toBe(0);
    expect(await visitor.getByTestId('nav-login').count()).toBe(0);
    expect(await visitor.getByTestId('share-chapter').count()).toBeGreaterThan(0);
    expect(await visitor.content()).not.toContain(USER.username);
    const player = visitor.getByTestId('share-player').locator('video');
    await player.waitFor();
    await visitor.getByTestId('share-player').locator('.vjs-big-play-button').click();
    await waitUntil(
      'the shared video plays',
      () => player.evaluate((v) => v.readyState >= 2 && v.currentTime > 0.3),
      30_000,
    );
    const shareDownload = await visitor.getByTestId('share-download').getAttribute('href');
    const fetched = await visitorContext.request.get(`${base}${shareDownload}`);
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()['content-disposition']).toContain("filename*=UTF-8''");

    // Sharing off: the same link is "not found" for the visitor.
    await page.getByTestId('share-toggle').uncheck();
    await page.getByTestId('share-status').filter({ hasText: 'Sharing is off' }).waitFor();
    await visitor.reload();
    await visitor.getByTestId('share-not-found').waitFor();
    expect(await visitor.getByTestId('share-player').count()).toBe(0);

    // The page's own 404 is not a problem; anything else (CSP, errors) is.
    expect({
      problems,
      visitorProblems: visitorProblems.filter((p) => !/404/.test(p)),
    }).toEqual({ problems: [], visitorProblems: [] });
    await visitorContext.close();
    await context.close();
  }, 600_000);
});
