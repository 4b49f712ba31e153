import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    // Logged out: the overall status only, nothing an attacker could use (versions, paths).
    await page.getByTestId('health-summary').waitFor();
    expect(await page.getByTestId('summary-database').count()).toBe(0);
    expect(await page.getByTestId('health-ffmpeg').count()).toBe(0);
    expect(await page.getByTestId('health-version').count()).toBe(0);

    await page.getByTestId('nav-login').click();
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/projects$/);
    // An admin sees the details.
    await page.goto(`${stack.app.baseUrl}/status`);
    await page.getByTestId('health-database').waitFor();
    expect(await page.getByTestId('health-database').innerText()).toMatch(/embedded/i);
    expect(await page.getByTestId('health-redis').innerText()).toMatch(/in-process|embedded/i);
    expect(await page.getByTestId('health-ffmpeg').innerText()).toMatch(/\d+\.\d+/);
    expect(await page.getByTestId('workers-online').innerText()).toBe('1');
    expect(await page.getByTestId('health-version').innerText()).toContain('0.1.0');
    await page.goto(`${stack.app.baseUrl}/jobs`);
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

  it('a page on another site cannot log the visitor in as someone else (login CSRF)', async () => {
    const attacker = { login: 'mallory', password: 'mallory-password-42' };
    const registered = await fetch(`${stack.app.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: attacker.login,
        email: 'm@example.com',
        password: attacker.password,
      }),
    });
    expect(registered.status).toBe(201);
    const { login, password } = attacker;
    const loginUrl = `${stack.app.baseUrl}/api/auth/login`;
    // Another origin (localhost, not 127.0.0.1): forms posted at once, the ways HTML allows.
    const pages: Record<string, string> = {
      '/form': `<form method="post" action="${loginUrl}">
          <input name="login" value="${login}"><input name="password" value="${password}">
        </form><script>document.forms[0].submit()</script>`,
      '/text': `<form method="post" enctype="text/plain" action="${loginUrl}">
          <input name='{"login":"${login}","password":"${password}","x":"' value='"}'>
        </form><script>document.forms[0].submit()</script>`,
      '/fetch': `<script>
          fetch(${JSON.stringify(loginUrl)}, { method: 'POST', mode: 'no-cors',
            credentials: 'include', headers: { 'content-type': 'text/plain' },
            body: JSON.stringify({ login: ${JSON.stringify(login)},
              password: ${JSON.stringify(password)} }) })
            .finally(() => (document.title = 'sent'));
        </script>`,
    };
    const site: Server = createServer((request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><body>${pages[request.url ?? ''] ?? ''}</body>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    try {
      for (const path of Object.keys(pages)) {
        const context = await stack.browser.newContext();
        const page = await context.newPage();
        await page.goto(`${siteUrl}${path}`);
        if (path === '/fetch') await page.waitForFunction("document.title === 'sent'");
        else await page.waitForURL(loginUrl);
        const me = await page.goto(`${stack.app.baseUrl}/api/auth/me`);
        expect([path, me?.status()]).toEqual([path, 401]);
        await context.close();
      }
    } finally {
      site.close();
    }
  }, 120_000);
});
