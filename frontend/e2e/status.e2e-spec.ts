import { watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-1';

describe('the app started as the README says (npm start), seen in Chromium', () => {
  const stack = useE2eStack('status', { adminPassword: ADMIN_PASSWORD });

  it('shows the status page from /api/health, then (logged in) runs a probe job', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);

    await page.goto(stack.app.baseUrl);
    await page.waitForURL(/\/status$/);
    await page.getByTestId('health-status').waitFor();
    expect(await page.getByTestId('health-status').getAttribute('data-status')).toBe('ok');
    expect(await page.getByTestId('health-database').innerText()).toMatch(/embedded/i);
    expect(await page.getByTestId('health-redis').innerText()).toMatch(/in-process|embedded/i);
    expect(await page.getByTestId('health-ffmpeg').innerText()).toMatch(/\d+\.\d+/);
    expect(await page.getByTestId('workers-online').innerText()).toBe('1');
    expect(await page.getByTestId('health-version').innerText()).toContain('0.1.0');

    await page.getByTestId('nav-login').click();
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/jobs$/);
    await page.getByTestId('run-probe').click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page
      .getByTestId('job-state')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('job-log').innerText()).toContain('Probed:');
    expect(await page.getByTestId('job-result').innerText()).toContain('h264');

    // A deep link is served by the API's SPA fallback.
    await page.goto(`${stack.app.baseUrl}/jobs`);
    await page.getByTestId('job-row').first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('register → log out → log in → edit profile; the admin area only for admins', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);

    await page.goto(`${stack.app.baseUrl}/register`);
    await page.getByTestId('register-username').fill('e2e_user');
    await page.getByTestId('register-email').fill('e2e_user@example.com');
    await page.getByTestId('register-password').fill('a-good-password-42');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-password').fill('a-good-password-42');
    if (!(await page.getByTestId('login-login').inputValue())) {
      await page.getByTestId('login-login').fill('e2e_user');
    }
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-username').filter({ hasText: 'e2e_user' }).waitFor();
    await page.getByTestId('nav-logout').click();
    await page.getByTestId('nav-login').waitFor();

    await page.getByTestId('nav-login').click();
    await page.getByTestId('login-login').fill('e2e_user@example.com');
    await page.getByTestId('login-password').fill('a-good-password-42');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-username').waitFor();
    expect(await page.getByTestId('nav-admin').count()).toBe(0);

    await page.getByTestId('nav-profile').click();
    await page.getByTestId('profile-display-name').fill('E2E Streamer');
    await page.getByTestId('profile-twitch').fill('e2e_streamer');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    await page.reload();
    await page.getByTestId('profile-display-name').waitFor();
    expect(await page.getByTestId('profile-display-name').inputValue()).toBe('E2E Streamer');

    // A user who types the admin URL gets the 403 page, not the admin area.
    await page.goto(`${stack.app.baseUrl}/admin/users`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('admin-users').count()).toBe(0);

    await page.getByTestId('nav-logout').click();
    await page.getByTestId('nav-login').click();
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-users').waitFor();
    await page.getByTestId('admin-user-row').filter({ hasText: 'e2e_user' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
