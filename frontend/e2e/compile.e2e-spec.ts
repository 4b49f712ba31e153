import type { Page } from 'playwright-core';
import { waitUntil, watchProblems } from './support/browser.js';
import { makeVideo } from './support/clip-server.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-5';
const USER = { username: 'e2e_compiler', email: 'e2e_compiler@example.com' };
const PASSWORD = 'a-good-password-55';

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

interface Sample {
  progress: number;
  stage: string;
}

/** What the live part of the Compile step shows now (null when it is not shown). */
async function sample(page: Page): Promise<Sample | null> {
  const [now] = await page.getByTestId('compile-current').evaluateAll((cards) =>
    cards.map((card) => {
      const bar = card.querySelector('[data-testid="compile-progress"]');
      const stage = card.querySelector('[data-testid="compile-stage"]');
      return bar
        ? {
            progress: Number(bar.getAttribute('aria-valuenow') ?? 0),
            stage: (stage?.textContent ?? '').trim(),
          }
        : null;
    }),
  );
  return now ?? null;
}

describe('the Compile step in Chromium (npm start)', () => {
  const stack = useE2eStack('compile', {
    adminPassword: ADMIN_PASSWORD,
    clips: (dir) => ({
      '/clips/bars.mp4': makeVideo(dir, 'bars.mp4', 'smptebars', 440),
      '/clips/pattern.mp4': makeVideo(dir, 'pattern.mp4', 'testsrc2', 880),
    }),
  });

  it('compiles the timeline at 720p/30, shows the progress live, then plays the result and its chapters', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems = watchProblems(page);
    // Which requests failed, to tell what a console error is about.
    const failedRequests: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && response.status() !== 401) {
        failedRequests.push(
          `${response.status()} ${response.request().method()} ${response.url()} (on ${page.url()})`,
        );
      }
    });
    await registerAndLogIn(page, stack.app.baseUrl);

    // A project with two clips downloaded from the local "site".
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-create-name').fill('E2E compile');
    await page.getByTestId('project-create-submit').click();
    await page.waitForURL(/\/projects\/[^/?]+$/);
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    const bars = stack.clipServer.url('/clips/bars.mp4');
    const pattern = stack.clipServer.url('/clips/pattern.mp4');
    await page.getByTestId('clips-urls').fill(`${bars}\n${pattern}`);
    await page.getByTestId('clips-add').click();
    await page.getByTestId('clips-accepted').filter({ hasText: 'Added 2 clips.' }).waitFor();
    await waitUntil(
      'the two clips are ready',
      async () =>
        (await page.locator('[data-testid="clip-row"][data-state="ready"]').count()) === 2,
      120_000,
    );

    // Arrange: both clips on the timeline, saved.
    await page.locator('[data-step="arrange"] button').click();
    await page.waitForURL(/\?step=arrange$/);
    await page.getByTestId('timeline-add-all').click();
    await page.getByTestId('timeline-card').nth(1).waitFor();
    await page.locator('[data-testid="timeline-status"][data-state="saved"]').waitFor();

    // Compile: the step is open, knows the timeline and starts from the project's settings.
    await page.locator('[data-step="compile"] button').click();
    await page.waitForURL(/\?step=compile$/);
    await page.getByTestId('compile-form').waitFor();
    expect(await page.getByTestId('compile-timeline').innerText()).toBe('Timeline: 2 clips · 0:04');
    expect(await page.getByTestId('compile-resolution').inputValue()).toBe('1080p');
    expect(await page.getByTestId('compile-fps').inputValue()).toBe('30');
    expect(await page.getByTestId('compile-quality').inputValue()).toBe('standard');
    await page.getByTestId('compile-resolution').selectOption('720p');
    await page.getByTestId('compile-fps').selectOption('30');
    expect(await page.getByTestId('compile-start').isEnabled()).toBe(true);
    await page.getByTestId('compile-start').click();

    // Live: the progress bar moves and the stage names what the worker does.
    await page.getByTestId('compile-current').waitFor();
    const samples: Sample[] = [];
    const deadline = Date.now() + 180_000;
    while (!(await page.getByTestId('compile-result').isVisible())) {
      if (Date.now() > deadline) {
        const state = await page.getByTestId('compile-current').getAttribute('data-state');
        throw new Error(
          `The compile did not finish within 3 minutes: ${state}, last shown ` +
            `${JSON.stringify(samples.at(-1))}\n${stack.app.output().slice(-4000)}`,
        );
      }
      const now = await sample(page);
      if (now) samples.push(now);
      const failed = page.getByTestId('compile-failed');
      if (await failed.isVisible()) {
        throw new Error(`The compile failed: ${await failed.innerText()}\n${stack.app.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(samples.length).toBeGreaterThan(0);
    expect(Math.max(...samples.map((s) => s.progress))).toBeGreaterThan(0);
    const stages = samples.map((s) => s.stage).filter((s) => s !== '');
    expect(stages.length).toBeGreaterThan(0);
    // The worker's own words, not only the placeholder shown before its first log line.
    expect(stages.some((s) => !['Waiting for a worker…', 'Starting…'].includes(s))).toBe(true);

    // Done: the settings asked for, the facts, the chapters and the downloads.
    const current = page.getByTestId('compile-current');
    expect(await current.getAttribute('data-state')).toBe('completed');
    expect(await page.getByTestId('compile-current-settings').innerText()).toBe(
      '720p · 30 fps · MP4 · Standard quality',
    );
    expect(await page.getByTestId('compile-duration').innerText()).toMatch(/^0:\d\d$/);
    expect(await page.getByTestId('compile-encoder').innerText()).toMatch(/NVENC|x264/);
    expect(await page.getByTestId('compile-chapter').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('compile-chapter').first().innerText()).toMatch(/^00:00\s/);
    expect(await page.getByTestId('compile-start').isEnabled()).toBe(true);

    const download = page.getByTestId('compile-download');
    expect(await download.getAttribute('download')).toBeTruthy();
    const videoUrl = `${stack.app.baseUrl}${await download.getAttribute('href')}`;
    const head = await page.request.get(videoUrl, { headers: { Range: 'bytes=0-99' } });
    expect(head.status()).toBe(206);

    const chaptersLink = page.getByTestId('compile-chapters-download');
    expect(await chaptersLink.innerText()).toBe('Download chapters (.txt)');
    expect(await chaptersLink.getAttribute('download')).not.toBeNull();
    expect(await chaptersLink.getAttribute('href')).toMatch(
      new RegExp(`^/api/projects/${projectId}/compilations/[^/]+/chapters\\.txt$`),
    );
    const chapters = await page.request.get(
      `${stack.app.baseUrl}${await chaptersLink.getAttribute('href')}`,
    );
    expect(chapters.status()).toBe(200);
    expect(chapters.headers()['content-type']).toMatch(/^text\/plain/);
    expect(await chapters.text()).toContain('00:00');

    // The result plays in the page (video.js, streamed with Range requests).
    const result = page.getByTestId('compile-result');
    const player = result.locator('video');
    await player.waitFor();
    await result.locator('.vjs-big-play-button').click();
    await waitUntil(
      'the compilation plays past 0.5 s',
      () => player.evaluate((element) => element.currentTime > 0.5),
      30_000,
    );

    // After a reload the step shows the same result.
    await page.reload();
    await page.getByTestId('compile-result').waitFor();
    expect(await page.getByTestId('compile-current').getAttribute('data-state')).toBe('completed');

    expect({ problems, failedRequests }).toEqual({ problems: [], failedRequests: [] });
    await page.close();
  }, 420_000);
});
