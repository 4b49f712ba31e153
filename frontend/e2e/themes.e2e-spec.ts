import type { Browser, Page } from 'playwright-core';
import { logIn, waitUntil, watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const USER = {
  username: 'theme_user',
  email: 'theme_user@example.com',
  password: 'theme-password-42',
};

const themeRow = (page: Page, name: string) =>
  page.locator(`[data-testid="admin-theme-row"][data-theme-name="${name}"]`);

/** The computed colour of a real element, as the browser paints it. */
const computed = (page: Page, selector: string, property: 'backgroundColor' | 'color') =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => el.ownerDocument.defaultView!.getComputedStyle(el)[p], property);

async function userPage(browser: Browser, baseUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchProblems(page);
  await logIn(page, baseUrl, USER.username, USER.password);
  return { context, page, problems };
}

describe('themes in Chromium: the admin edits and activates one, everyone sees it', () => {
  const stack = useE2eStack('themes', { adminPassword: ADMIN_PASSWORD });

  it('creates a theme (colour input ↔ hex), activates it, another user sees it, delete refused', async () => {
    const registered = await fetch(`${stack.app.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(USER),
    });
    expect(registered.status).toBe(201);

    // Before: the seeded dark theme everywhere.
    const before = await userPage(stack.browser, stack.app.baseUrl);
    expect(await computed(before.page, 'body', 'backgroundColor')).toBe('rgb(15, 17, 23)');
    await before.context.close();

    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-users').waitFor();
    await page.getByTestId('admin-nav-themes').click();
    await page.waitForURL(/\/admin\/themes$/);
    await themeRow(page, 'ClippyFront Light').waitFor();
    expect(await themeRow(page, 'ClippyFront Dark').getByTestId('admin-theme-active').count()).toBe(
      1,
    );
    expect(await themeRow(page, 'ClippyFront Dark').getByTestId('admin-theme-swatch').count()).toBe(
      16,
    );

    // A new theme: the hex field moves the colour input, the colour input moves the hex field.
    await page.getByTestId('admin-theme-new').click();
    await page.waitForURL(/\/admin\/themes\/new$/);
    await page.getByTestId('theme-name').fill('Ocean');
    await page.getByTestId('theme-hex-background').fill('#203040');
    expect(await page.getByTestId('theme-picker-background').inputValue()).toBe('#203040');
    await page.getByTestId('theme-picker-primary').fill('#00aa55');
    expect(await page.getByTestId('theme-hex-primary').inputValue()).toBe('#00aa55');
    // The preview shows it before saving.
    await waitUntil(
      'the preview uses the edited primary',
      async () =>
        (await computed(page, '[data-testid="theme-preview-primary"]', 'backgroundColor')) ===
        'rgb(0, 170, 85)',
      5_000,
    );
    // A bad hex: an error, and the colour input keeps the last good colour.
    await page.getByTestId('theme-hex-clip').fill('#12zz');
    await page.getByTestId('theme-hex-clip-error').waitFor();
    expect(await page.getByTestId('theme-picker-clip').inputValue()).toBe('#7c5cff');
    await page.getByTestId('theme-hex-clip').fill('#ff3366');
    expect(await page.getByTestId('theme-hex-clip-error').count()).toBe(0);
    expect(await page.getByTestId('theme-picker-clip').inputValue()).toBe('#ff3366');
    await page.getByTestId('admin-theme-save').click();
    await page.waitForURL(/\/admin\/themes$/);
    await themeRow(page, 'Ocean').waitFor();

    // Edited again: the colour input → hex, saved, read back after a reload.
    await themeRow(page, 'Ocean').getByTestId('admin-theme-edit').click();
    await page.waitForURL(/\/admin\/themes\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('theme-hex-primary').inputValue()).toBe('#00aa55');
    await page.getByTestId('theme-picker-primary').fill('#ee7711');
    expect(await page.getByTestId('theme-hex-primary').inputValue()).toBe('#ee7711');
    await page.getByTestId('admin-theme-save').click();
    await page.getByTestId('admin-theme-saved').waitFor();
    await page.reload();
    await page.getByTestId('theme-hex-primary').waitFor();
    expect(await page.getByTestId('theme-hex-primary').inputValue()).toBe('#ee7711');
    expect(await page.getByTestId('theme-picker-primary').inputValue()).toBe('#ee7711');

    // Activated: the admin's own page changes at once, without a reload.
    await page.getByTestId('admin-theme-activate').click();
    await page.getByTestId('admin-theme-activated').waitFor();
    await waitUntil(
      "the admin's page uses the new background",
      async () => (await computed(page, 'body', 'backgroundColor')) === 'rgb(32, 48, 64)',
      10_000,
    );

    // Another user's pages (a new browser context) use the new colours.
    const other = await userPage(stack.browser, stack.app.baseUrl);
    expect(await computed(other.page, 'body', 'backgroundColor')).toBe('rgb(32, 48, 64)');
    await other.page.getByTestId('nav-profile').click();
    await other.page.getByTestId('profile-save').waitFor();
    await waitUntil(
      "the user's primary button uses the new primary",
      async () =>
        (await computed(other.page, '[data-testid="profile-save"]', 'backgroundColor')) ===
        'rgb(238, 119, 17)',
      5_000,
    );
    // Their own choice: the built-in dark palette whatever the site uses, then the site theme.
    await other.page.getByTestId('theme-choice-dark').check();
    await waitUntil(
      'the user sees the built-in dark palette',
      async () => (await computed(other.page, 'body', 'backgroundColor')) === 'rgb(15, 17, 23)',
      10_000,
    );
    await other.page.reload();
    await other.page.getByTestId('profile-save').waitFor();
    expect(await computed(other.page, 'body', 'backgroundColor')).toBe('rgb(15, 17, 23)');
    await other.page.getByTestId('theme-choice-site').check();
    await waitUntil(
      'the user sees the site theme again',
      async () => (await computed(other.page, 'body', 'backgroundColor')) === 'rgb(32, 48, 64)',
      10_000,
    );
    expect(other.problems).toEqual([]);
    await other.context.close();

    // The active theme cannot be deleted: the dialog says why.
    await page.getByTestId('admin-nav-themes').click();
    await themeRow(page, 'Ocean').waitFor();
    await themeRow(page, 'Ocean').getByTestId('admin-theme-delete').click();
    await page.getByTestId('admin-theme-delete-confirm').click();
    await page.getByTestId('admin-theme-delete-error').waitFor();
    expect(await page.getByTestId('admin-theme-delete-error').innerText()).toContain(
      'Theme "Ocean" is the active theme; activate another theme first',
    );
    await page.getByTestId('admin-theme-delete-cancel').click();
    expect(await themeRow(page, 'Ocean').count()).toBe(1);

    // The refused delete (409) is the only console error: no CSP refusal of the preview's styles.
    expect(problems.filter((problem) => !/status of 409/.test(problem))).toEqual([]);
    await page.close();
  }, 90_000);
});
