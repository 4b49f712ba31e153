import type { Page } from 'playwright-core';
import { logIn, watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const USER = {
  username: 'tier_user',
  email: 'tier_user@example.com',
  password: 'tier-password-42',
};

/** The tiers list's row of the tier with this name. */
const tierRow = (page: Page, name: string) =>
  page.locator(`[data-testid="admin-tier-row"][data-tier-name="${name}"]`);
const cell = (page: Page, name: string, testId: string) =>
  tierRow(page, name).getByTestId(testId).innerText();

describe('tiers in Chromium: the admin manages them, the user sees their plan', () => {
  const stack = useE2eStack('tiers', { adminPassword: ADMIN_PASSWORD });

  it('creates and edits a tier in GB and hours, assigns it, cannot delete it in use; the profile shows the plan', async () => {
    const registered = await fetch(`${stack.app.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(USER),
    });
    expect(registered.status).toBe(201);

    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);

    // Admin → Tiers: the seeded tiers, each with its users (the admin is on Unlimited, the new
    // user on the default, Free).
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-users').waitFor();
    await page.getByTestId('admin-nav-tiers').click();
    await page.waitForURL(/\/admin\/tiers$/);
    await tierRow(page, 'Unlimited').waitFor();
    expect(await cell(page, 'Free', 'admin-tier-users')).toBe('1');
    expect(await cell(page, 'Free', 'admin-tier-default')).toBe('default');
    expect(await cell(page, 'Free', 'admin-tier-storage')).toBe('1.0 GiB');
    expect(await cell(page, 'Free', 'admin-tier-render')).toBe('30 min');
    expect(await cell(page, 'Pro', 'admin-tier-users')).toBe('0');
    expect(await cell(page, 'Pro', 'admin-tier-render')).toBe('6 h');
    expect(await cell(page, 'Unlimited', 'admin-tier-users')).toBe('1');
    expect(await cell(page, 'Unlimited', 'admin-tier-storage')).toBe('Unlimited');

    // A new tier in human units.
    await page.getByTestId('admin-tier-new').click();
    await page.getByTestId('tier-name').fill('Creator');
    await page.getByTestId('tier-storage').fill('2.5');
    await page.getByTestId('tier-render').fill('1.5');
    await page.getByTestId('tier-render-unit').selectOption('hours');
    await page.getByTestId('tier-max-clips').fill('40');
    await page.getByTestId('tier-save').click();
    await page.waitForURL(/\/admin\/tiers$/);
    await tierRow(page, 'Creator').waitFor();
    expect(await cell(page, 'Creator', 'admin-tier-storage')).toBe('2.5 GiB');
    expect(await cell(page, 'Creator', 'admin-tier-render')).toBe('1 h 30 min');
    expect(await cell(page, 'Creator', 'admin-tier-caps')).toBe(
      '1080p · 30 fps · 40 clips per project',
    );
    expect(await cell(page, 'Creator', 'admin-tier-users')).toBe('0');

    // Edited: 3 GB, 2 hours; the form shows them again after a reload.
    await tierRow(page, 'Creator').getByTestId('admin-tier-edit').click();
    await page.waitForURL(/\/admin\/tiers\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('tier-storage').inputValue()).toBe('2.5');
    // 1.5 hours read back in minutes (whole hours only show in hours).
    expect(await page.getByTestId('tier-render').inputValue()).toBe('90');
    expect(await page.getByTestId('tier-render-unit').inputValue()).toBe('minutes');
    await page.getByTestId('tier-storage').fill('3');
    await page.getByTestId('tier-render').fill('2');
    await page.getByTestId('tier-render-unit').selectOption('hours');
    await page.getByTestId('tier-save').click();
    await page.getByTestId('tier-saved').waitFor();
    await page.reload();
    await page.getByTestId('tier-storage').waitFor();
    expect(await page.getByTestId('tier-storage').inputValue()).toBe('3');
    expect(await page.getByTestId('tier-render').inputValue()).toBe('2');
    expect(await page.getByTestId('tier-render-unit').inputValue()).toBe('hours');

    // Given to the user in the user editor.
    await page.getByTestId('admin-nav-users').click();
    await page
      .locator(`[data-testid="admin-user-row"][data-username="${USER.username}"]`)
      .getByTestId('admin-user-edit')
      .click();
    await page.getByTestId('admin-tier').selectOption({ label: 'Creator' });
    await page.getByTestId('admin-save').click();
    await page.getByTestId('admin-saved').waitFor();

    // In use: the API refuses to delete it and the dialog says why.
    await page.getByTestId('admin-nav-tiers').click();
    await tierRow(page, 'Creator').waitFor();
    expect(await cell(page, 'Creator', 'admin-tier-users')).toBe('1');
    await tierRow(page, 'Creator').getByTestId('admin-tier-delete').click();
    await page.getByTestId('admin-tier-delete-confirm').click();
    await page.getByTestId('admin-tier-delete-error').waitFor();
    expect(await page.getByTestId('admin-tier-delete-error').innerText()).toContain(
      'is used by 1 user',
    );
    await page.getByTestId('admin-tier-delete-cancel').click();
    expect(await tierRow(page, 'Creator').count()).toBe(1);
    await page.getByTestId('nav-logout').click();
    await page.getByTestId('nav-login').waitFor();

    // The user's profile shows the plan.
    await logIn(page, stack.app.baseUrl, USER.username, USER.password);
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('plan-name').filter({ hasText: 'Creator' }).waitFor();
    expect(await page.getByTestId('plan-storage').innerText()).toBe('0 B of 3.0 GiB');
    expect(await page.getByTestId('plan-render').innerText()).toBe('0 s of 2 h');
    const now = new Date();
    const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const month = reset.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    expect(await page.getByTestId('plan-resets').innerText()).toBe(
      `resets 1 ${month} ${reset.getUTCFullYear()}`,
    );
    expect(await page.getByTestId('plan-clips').innerText()).toBe('Up to 40');

    // The refused delete (409) is the only console error.
    expect(problems.filter((problem) => !/status of 409/.test(problem))).toEqual([]);
    await page.close();
  }, 60_000);
});
