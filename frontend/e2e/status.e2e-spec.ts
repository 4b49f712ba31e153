import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ADMIN_PASSWORD = 'e2e-admin-password-1';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(baseUrl: string, app: ChildProcess, output: () => string) {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm start exited early:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`App did not become healthy:\n${output()}`);
}

describe('the app started as the README says (npm start), seen in Chromium', () => {
  const instanceDir = mkdtempSync(join(tmpdir(), 'clippyfront-e2e-'));
  let app: ChildProcess;
  let browser: Browser;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      CLIPPY_INSTANCE_PATH: instanceDir,
      ADMIN_PASSWORD,
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.NODE_OPTIONS;
    app = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: 'pipe' });
    app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(baseUrl, app, () => output);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (app?.pid && app.exitCode === null) {
      const exited = new Promise((r) => app.once('exit', r));
      process.kill(-app.pid, 'SIGTERM');
      await exited;
    }
    rmSync(instanceDir, { recursive: true, force: true });
  });

  it('shows the status page from /api/health, then (logged in) runs a probe job', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // A 401 from /api/auth/me before logging in is expected; anything else is not.
      if (message.type() === 'error' && !/401/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(baseUrl);
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
    await page.goto(`${baseUrl}/jobs`);
    await page.getByTestId('job-row').first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('register → log out → log in → edit profile; the admin area only for admins', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // A 401 from /api/auth/me before logging in is expected; anything else is not.
      if (message.type() === 'error' && !/401/.test(message.text())) problems.push(message.text());
    });

    await page.goto(`${baseUrl}/register`);
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
    await page.goto(`${baseUrl}/admin/users`);
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
