import { chromium, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { API_PATHS, XSRF_COOKIE, XSRF_HEADER } from '@clippyfront/shared';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Collects what went wrong in the page: uncaught errors and console errors (which include
 * Content-Security-Policy refusals). A 401 from /api/auth/me before logging in is expected.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/401/.test(message.text())) problems.push(message.text());
  });
  return problems;
}

/** Logs in through the login page and waits until the app shows the user. */
export async function logIn(page: Page, baseUrl: string, login: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-username').waitFor();
}

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

type FetchOptions = NonNullable<Parameters<APIRequestContext['fetch']>[1]>;

/** A call to the API with the page's session (cookie + XSRF header); a status >= 300 throws. */
export async function callApi<T = { id: string }>(
  page: Page,
  baseUrl: string,
  method: string,
  path: string,
  init: Omit<FetchOptions, 'method' | 'headers'> = {},
): Promise<T> {
  const cookies = await page.context().cookies(baseUrl);
  const xsrf = cookies.find((cookie) => cookie.name === XSRF_COOKIE)?.value ?? '';
  const response = await page.request.fetch(`${baseUrl}${path}`, {
    ...init,
    method,
    headers: { [XSRF_HEADER]: xsrf },
  });
  if (response.status() >= 300) {
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Uploads a video into the library as media of `type` with the page's session. */
export function uploadVideo<T = { id: string }>(
  page: Page,
  baseUrl: string,
  file: Buffer,
  name: string,
  type: string,
): Promise<T> {
  return callApi<T>(page, baseUrl, 'POST', API_PATHS.media.list, {
    multipart: { type, file: { name, mimeType: 'video/mp4', buffer: file } },
  });
}
