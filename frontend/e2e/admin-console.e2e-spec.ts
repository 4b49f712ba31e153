import type { Page } from 'playwright-core';
import { logIn, waitUntil, watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const USER = {
  username: 'console_user',
  email: 'console_user@example.com',
  password: 'console-pw-42',
};
const PROJECT = 'Console project';

async function logOut(page: Page): Promise<void> {
  await page.getByTestId('nav-logout').click();
  await page.getByTestId('nav-login').waitFor();
}

const jobRow = (page: Page) => page.getByTestId('admin-job-row');

describe('the admin console in Chromium (npm start, in-process worker)', () => {
  // The clip server has no files: every clip download answers 404 and its job fails.
  const stack = useE2eStack('admin-console', { adminPassword: ADMIN_PASSWORD, clips: () => ({}) });

  it('creates a user who logs in; System, Jobs (filter, retry) and Projects (open, delete)', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);

    // Admin → Users → New user.
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-users').waitFor();
    await page.getByTestId('admin-user-new').click();
    await page.getByTestId('new-user-username').fill(USER.username);
    await page.getByTestId('new-user-email').fill(USER.email);
    await page.getByTestId('new-user-password').fill(USER.password);
    await page.getByTestId('new-user-watermark').selectOption('never');
    await page.getByTestId('new-user-submit').click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('admin-watermark').inputValue()).toBe('never');
    await logOut(page);

    // The new user logs in and queues a download that fails (404).
    await logIn(page, stack.app.baseUrl, USER.username, USER.password);
    await page.getByTestId('nav-projects').click();
    await page.waitForURL(/\/projects$/);
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-create-name').fill(PROJECT);
    await page.getByTestId('project-create-submit').click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    const missing = stack.clipServer.url('/clips/missing.mp4');
    await page.getByTestId('clips-urls').fill(missing);
    await page.getByTestId('clips-add').click();
    await page
      .locator(`[data-testid="clip-row"][data-url="${missing}"][data-state="failed"]`)
      .waitFor({ timeout: 60_000 });
    await logOut(page);

    // Admin → System: the embedded database, the in-process worker, the media tools.
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav-system').click();
    await page.getByTestId('system-database').waitFor();
    expect(await page.getByTestId('system-database-mode').innerText()).toBe('Embedded PostgreSQL');
    expect(await page.getByTestId('system-database-size').innerText()).toMatch(/\d+(\.\d)? MiB/);
    expect(await page.getByTestId('system-redis').innerText()).toContain('Not configured');
    expect(await page.getByTestId('system-worker-row').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('system-ffmpeg').innerText()).toMatch(/\d+\.\d+/);
    expect(await page.getByTestId('system-disk-row').count()).toBe(5);
    expect(await page.getByTestId('system-disk-free').innerText()).toMatch(
      /^\d+(\.\d)? [KMGT]?i?B free of \d+(\.\d)? [KMGT]?i?B/,
    );
    const celeryFailed = page
      .locator('[data-testid="system-queue-row"][data-queue="celery"]')
      .getByTestId('system-queue-failed');
    expect(Number(await celeryFailed.innerText())).toBeGreaterThanOrEqual(1);
    // The periodic tasks: the session sweep ran when the app started.
    expect(await page.getByTestId('system-periodic-row').count()).toBe(9);
    const sessions = page.locator('[data-testid="system-periodic-row"][data-task="session-sweep"]');
    expect(await sessions.getByTestId('system-periodic-every').innerText()).toBe('1h 0m');
    expect(await sessions.getByTestId('system-periodic-last').innerText()).toMatch(/^ok /);

    // Admin → Jobs: the user's failed download, found by owner and state, retried.
    await page.getByTestId('admin-nav-jobs').click();
    await page.getByTestId('admin-jobs').waitFor();
    await jobRow(page).first().waitFor();
    await page.getByTestId('admin-jobs-owner').fill(USER.username);
    await page.getByTestId('admin-jobs-state').selectOption('failed');
    await page.getByTestId('admin-jobs-apply').click();
    await waitUntil('only the failed download of the user is listed', async () => {
      const owners = await page.getByTestId('admin-job-owner').allInnerTexts();
      return owners.length === 1 && owners[0] === USER.username;
    });
    const failed = jobRow(page).first();
    expect(await failed.getByTestId('admin-job-link').innerText()).toBe('download');
    const jobId = (await failed.getAttribute('data-job-id'))!;
    await failed.getByTestId('admin-job-retry').click();
    // Queued again, it runs and fails once more (still 404) — often before the list is read
    // again, so the proof of the retry is its log below.
    await waitUntil(
      'the retried job to fail again',
      async () => {
        await page.getByTestId('admin-jobs-apply').click();
        return (
          (await page.locator(`[data-testid="admin-job-row"][data-job-id="${jobId}"]`).count()) ===
          1
        );
      },
      60_000,
    );
    // Its page shows the log (live while it runs) with the retry in it; Retry, not Cancel.
    await page
      .locator(`[data-testid="admin-job-row"][data-job-id="${jobId}"]`)
      .getByTestId('admin-job-link')
      .click();
    await page.waitForURL(new RegExp(`/jobs/${jobId}$`));
    await page.getByTestId('job-log').filter({ hasText: 'Retry requested' }).waitFor();
    await page.getByTestId('job-retry').waitFor();
    expect(await page.getByTestId('job-cancel').count()).toBe(0);

    // Bulk retry of the failed jobs of that user.
    await page.goBack();
    await page.getByTestId('admin-jobs').waitFor();
    await page.getByTestId('admin-jobs-owner').fill(USER.username);
    await page.getByTestId('admin-jobs-apply').click();
    await page.getByTestId('admin-jobs-retry-failed').click();
    expect(await page.getByTestId('admin-jobs-bulk-result').innerText()).toBe(
      'Retried 1 failed job.',
    );

    // Admin → Projects: the user's project, opened read-only in the console, then deleted.
    await page.getByTestId('admin-nav-projects').click();
    const row = page.locator(`[data-testid="admin-project-row"][data-project-name="${PROJECT}"]`);
    await row.waitFor();
    expect(await row.getByTestId('admin-project-owner').innerText()).toBe(USER.username);
    expect(await row.getByTestId('admin-project-clips').innerText()).toBe('1');
    await row.getByTestId('admin-project-open').click();
    await page.waitForURL(/\/admin\/projects\/[0-9a-f-]{36}$/);
    await page.getByTestId('admin-project-name').filter({ hasText: PROJECT }).waitFor();
    await page.getByTestId('admin-project-view-owner').filter({ hasText: USER.username }).waitFor();
    expect(await page.getByTestId('admin-project-clip-state').allInnerTexts()).toEqual(['failed']);
    await page.getByTestId('admin-project-timeline-empty').waitFor();
    await page.getByTestId('admin-project-compilations-empty').waitFor();
    expect(await page.getByTestId('clips-add-form').count()).toBe(0);
    expect(await page.getByTestId('compile-start').count()).toBe(0);
    await page.getByTestId('admin-project-back').click();
    await row.waitFor();
    await row.getByTestId('admin-project-delete').click();
    await page.getByTestId('admin-project-delete-cancel').click();
    expect(await row.count()).toBe(1);
    await row.getByTestId('admin-project-delete').click();
    await page.getByTestId('admin-project-delete-confirm').click();
    await page.getByTestId('admin-project-deleted').waitFor();
    await row.waitFor({ state: 'detached' });

    // The download's 404s are the console's only errors (the user's clip page shows them).
    expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
    await page.close();
  }, 240_000);
});
