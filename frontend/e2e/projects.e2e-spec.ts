import type { Page } from 'playwright-core';
import { logIn, waitUntil, watchProblems } from './support/browser.js';
import { makeVideo } from './support/clip-server.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-3';

/** Two different 2 s 320×240 H.264 + AAC clips made with ffmpeg's test sources. */
function makeClips(dir: string): Record<string, Buffer> {
  return {
    '/clips/first.mp4': makeVideo(dir, 'first.mp4', 'testsrc2', 440),
    '/clips/second.mp4': makeVideo(dir, 'second.mp4', 'smptebars', 880),
  };
}

/** Creates a project from the projects page and waits until its wizard is open. */
async function createProject(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-projects').click();
  await page.waitForURL(/\/projects$/);
  await page.getByTestId('project-new').click();
  await page.getByTestId('project-create-name').fill(name);
  await page.getByTestId('project-create-submit').click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  await page.getByTestId('project-title').filter({ hasText: name }).waitFor();
  await page.getByTestId('clips-empty').waitFor();
}

/** True once `count` clip rows are ready and every thumbnail among them has really loaded. */
function readyWithThumbnails(page: Page, count: number): Promise<boolean> {
  return page.getByTestId('clip-row').evaluateAll(
    (rows, expected) =>
      rows.length === expected &&
      rows.every((row) => {
        const img = row.querySelector('img[data-testid="clip-thumbnail"]') as {
          complete: boolean;
          naturalWidth: number;
        } | null;
        return (
          row.getAttribute('data-state') === 'ready' &&
          img !== null &&
          img.complete &&
          img.naturalWidth > 0
        );
      }),
    count,
  );
}

describe('projects and the clips step in Chromium (npm start)', () => {
  const stack = useE2eStack('projects', { adminPassword: ADMIN_PASSWORD, clips: makeClips });

  it('pastes URLs, shows the refused one, follows the downloads, reuses a clip, retries and removes', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);

    await page.getByTestId('nav-projects').click();
    await page.getByTestId('projects-empty').waitFor();

    // The wizard: Clips, Arrange, Compile and Export, all open.
    await createProject(page, 'E2E first');
    const steps = page.getByTestId('wizard-step');
    expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual([
      'clips',
      'arrange',
      'compile',
      'export',
    ]);
    expect(await page.locator('[data-testid="wizard-step"] button:disabled').count()).toBe(0);
    expect(await page.getByTestId('wizard-step-note').allInnerTexts()).toEqual([
      'Paste links, download',
      'Intro, outro, order',
      'Render the video',
      'Watch, download, share',
    ]);

    // Two downloadable links and one the API must refuse, pasted in one go.
    const first = stack.clipServer.url('/clips/first.mp4');
    const second = stack.clipServer.url('/clips/second.mp4');
    await page.getByTestId('clips-urls').fill(`${first}\n${second}, ftp://x`);
    await page.getByTestId('clips-url-count').filter({ hasText: '3 URLs' }).waitFor();
    await page.getByTestId('clips-add').click();
    await page.getByTestId('clips-accepted').filter({ hasText: 'Added 2 clips.' }).waitFor();
    const refused = page.locator('[data-testid="clips-rejected-item"]');
    expect(await refused.count()).toBe(1);
    expect(await refused.getAttribute('data-url')).toBe('ftp://x');
    expect(await refused.getByTestId('clips-rejected-message').innerText()).toMatch(/http/i);

    // Both clips appear at once, then download, get probed and get their thumbnails.
    const rows = page.getByTestId('clip-row');
    await rows.nth(1).waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-url')))).toEqual([
      first,
      second,
    ]);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-source')))).toEqual([
      'external',
      'external',
    ]);
    await waitUntil(
      'both clips are ready with thumbnails',
      () => readyWithThumbnails(page, 2),
      120_000,
    );
    expect(await page.getByTestId('clip-state').allInnerTexts()).toEqual(['Ready', 'Ready']);
    expect(
      await page
        .getByTestId('clip-title')
        .evaluateAll((els) => els.map((e) => e.getAttribute('href'))),
    ).toEqual([first, second]);
    expect(await page.getByTestId('clip-error').count()).toBe(0);
    expect(await page.getByTestId('clip-reused').count()).toBe(0);
    await page.getByTestId('clips-live').waitFor({ state: 'detached' });
    expect(await page.getByTestId('clips-counts').innerText()).toBe('2 clips · 2 ready');
    const firstHits = stack.clipServer.hits('/clips/first.mp4');
    expect(firstHits).toBeGreaterThanOrEqual(1);
    expect(stack.clipServer.hits('/clips/second.mp4')).toBeGreaterThanOrEqual(1);

    // The same link in another project reuses the downloaded clip: no second request.
    await createProject(page, 'E2E second');
    await page.getByTestId('clips-urls').fill(first);
    await page.getByTestId('clips-add').click();
    await page.getByTestId('clips-accepted').filter({ hasText: 'Added 1 clip.' }).waitFor();
    await waitUntil('the reused clip is ready', () => readyWithThumbnails(page, 1), 30_000);
    await page.getByTestId('clip-reused').waitFor();
    expect(stack.clipServer.hits('/clips/first.mp4')).toBe(firstHits);

    // A link that answers 404 fails visibly; Retry downloads it again; Remove takes it away.
    const missing = stack.clipServer.url('/clips/missing.mp4');
    await page.getByTestId('clips-urls').fill(missing);
    await page.getByTestId('clips-add').click();
    await page.getByTestId('clips-accepted').filter({ hasText: 'Added 1 clip.' }).waitFor();
    const failedRow = page.locator(`[data-testid="clip-row"][data-url="${missing}"]`);
    await page
      .locator(`[data-testid="clip-row"][data-url="${missing}"][data-state="failed"]`)
      .waitFor({ timeout: 60_000 });
    expect((await failedRow.getByTestId('clip-error').innerText()).trim()).not.toBe('');
    const missingHits = stack.clipServer.hits('/clips/missing.mp4');
    expect(missingHits).toBeGreaterThanOrEqual(1);
    await failedRow.getByTestId('clip-retry').click();
    await waitUntil(
      'the retried download fails again',
      async () =>
        stack.clipServer.hits('/clips/missing.mp4') > missingHits &&
        (await failedRow.getAttribute('data-state')) === 'failed',
      60_000,
    );
    await failedRow.getByTestId('clip-remove').click();
    await failedRow.waitFor({ state: 'detached' });
    expect(await page.getByTestId('clip-row').count()).toBe(1);

    // Both projects are listed; deleting the second one (after confirming) leaves the first.
    await page.getByTestId('nav-projects').click();
    const projectRows = page.getByTestId('project-row');
    await projectRows.nth(1).waitFor();
    const names = await page.getByTestId('project-link').allInnerTexts();
    expect([...names].sort()).toEqual(['E2E first', 'E2E second']);
    const secondRow = projectRows.filter({ hasText: 'E2E second' });
    expect(await secondRow.getByTestId('project-clip-count').innerText()).toBe('1');
    await secondRow.getByTestId('project-delete').click();
    const dialog = page.getByTestId('project-delete-dialog');
    expect(await dialog.innerText()).toContain('Your intros, outros and transitions stay');
    await page.getByTestId('project-delete-confirm').click();
    await page.getByTestId('projects-deleted').waitFor();
    await waitUntil('one project is left', async () => (await projectRows.count()) === 1);
    expect(await page.getByTestId('project-link').innerText()).toBe('E2E first');

    // The first project still has both clips, ready.
    await page.getByTestId('project-link').click();
    await waitUntil('the first project shows its clips', () => readyWithThumbnails(page, 2));

    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
