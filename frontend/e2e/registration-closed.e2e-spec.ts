import { API_PATHS } from '@clippyfront/shared';
import { logIn, waitUntil, watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-10';

describe('an instance with REGISTRATION_OPEN=false, in Chromium', () => {
  const stack = useE2eStack('registration-closed', {
    adminPassword: ADMIN_PASSWORD,
    env: () => ({ REGISTRATION_OPEN: 'false' }),
  });

  it('offers no sign-up anywhere, refuses it in the API, and the admin still creates users', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    const { baseUrl } = stack.app;

    // Both links show until the instance answers that registration is closed, then go.
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('nav-login').waitFor();
    await waitUntil(
      'the Register links to go',
      async () =>
        (await page.getByTestId('login-register').count()) === 0 &&
        (await page.getByTestId('nav-register').count()) === 0,
    );

    await page.goto(`${baseUrl}/register`);
    await page.getByTestId('register-closed').waitFor();
    expect(await page.getByTestId('register-form').count()).toBe(0);

    const refused = await fetch(`${baseUrl}${API_PATHS.auth.register}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: 'walk_in',
        email: 'walk_in@example.com',
        password: 'walk-in-password-1',
      }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/registration/i);

    await logIn(page, baseUrl, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-user-new').click();
    await page.getByTestId('new-user-username').fill('invited');
    await page.getByTestId('new-user-email').fill('invited@example.com');
    await page.getByTestId('new-user-password').fill('invited-password-1');
    await page.getByTestId('new-user-submit').click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await page.getByTestId('nav-logout').click();
    await page.getByTestId('nav-login').waitFor();
    await logIn(page, baseUrl, 'invited', 'invited-password-1');
    await page.getByTestId('nav-username').filter({ hasText: 'invited' }).waitFor();

    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
