import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { FakeTwitch } from '../../backend/test/support/fake-twitch.js';
import { startApp, type RunningApp } from './support/app-harness.js';
import { launchChromium, logIn, waitUntil } from './support/browser.js';
import { makeVideo } from './support/clip-server.js';

const ADMIN_PASSWORD = 'e2e-admin-password-16';

/** yt-dlp's stand-in (Twitch clip pages are not reachable here): writes a real clip. */
function fakeYtDlp(dir: string): string {
  const clip = join(dir, 'clip.mp4');
  writeFileSync(clip, makeVideo(dir, 'made.mp4', 'testsrc2', 440));
  const script = join(dir, 'yt-dlp');
  writeFileSync(
    script,
    `#!/bin/bash
out=""
while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2;; *) shift;; esac; done
cp "${clip}" "\${out%.*}.mp4"
`,
  );
  chmodSync(script, 0o755);
  return script;
}

describe('Automation in Chromium (npm start, Twitch stand-in)', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'clippyfront-e2e-automation-'));
  let twitch: FakeTwitch;
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    twitch = await FakeTwitch.start();
    const hour = 3_600_000;
    twitch.addClips(
      { id: '777', login: 'streamer', display_name: 'Streamer', profile_image_url: '' },
      [
        {
          id: 'TopClip',
          title: 'Top clip',
          view_count: 900,
          created_at: new Date(Date.now() - hour).toISOString(),
        },
        {
          id: 'NextClip',
          title: 'Next clip',
          view_count: 300,
          created_at: new Date(Date.now() - 2 * hour).toISOString(),
        },
        {
          id: 'OldClip',
          title: 'Old clip',
          view_count: 999,
          created_at: new Date(Date.now() - 30 * 24 * hour).toISOString(),
        },
      ],
    );
    app = await startApp(ADMIN_PASSWORD, {
      ...twitch.env(),
      YT_DLP_BINARY: fakeYtDlp(workDir),
      AUTOMATION_RUN_POLL_SECONDS: '1',
    });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await twitch?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('creates a Twitch task, previews it, runs it now to a video, and schedules it weekly', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, app.baseUrl, 'admin', ADMIN_PASSWORD);

    await page.getByTestId('nav-automation').click();
    await page.getByTestId('automation-new').click();
    await page.getByTestId('task-name').fill('Streamer highlights');
    await page.getByTestId('task-username').fill('streamer');
    await page.getByTestId('task-count').fill('2');
    await page.getByTestId('task-resolution').selectOption('720p');

    // The live preview: the two most viewed clips of the last 7 days (not the month-old one).
    await page.getByTestId('task-preview').click();
    await page.getByTestId('task-preview-list').waitFor();
    expect(await page.getByTestId('task-preview-clip').allInnerTexts()).toEqual([
      expect.stringContaining('Top clip'),
      expect.stringContaining('Next clip'),
    ]);

    await page.getByTestId('task-save').click();
    await page.waitForURL(/\/automation\/[0-9a-f-]{36}$/);

    // Run now: live progress until it completes.
    await page.getByTestId('task-run-now').click();
    await page.getByTestId('task-run').waitFor();
    const seen = new Set<string>();
    await waitUntil(
      'the run completes',
      async () => {
        seen.add((await page.getByTestId('task-run-stage').innerText()).trim());
        return (
          (await page.getByTestId('task-run-state').getAttribute('data-state')) === 'completed'
        );
      },
      240_000,
    ).catch(async (error: Error) => {
      const log = await page.getByTestId('task-run-log').textContent();
      throw new Error(
        `${error.message}\nstages: ${[...seen].join(', ')}\n${log}\n${app.output().slice(-3000)}`,
      );
    });
    expect(seen.size).toBeGreaterThan(1);
    expect(await page.getByTestId('task-history-run').count()).toBe(1);

    // The video: served by the API, and shown in the project's Compile step.
    const href = await page.getByTestId('task-run-video').getAttribute('href');
    const video = await page.request.get(`${app.baseUrl}${href}`);
    expect(video.status()).toBe(200);
    expect(video.headers()['content-type']).toMatch(/^video\//);
    await page.getByTestId('task-run-project').click();
    await page.waitForURL(/\/projects\/[^/?]+\?step=compile$/);
    await page.getByTestId('compile-player').waitFor({ timeout: 30_000 });
    await page.goBack();

    // A weekly schedule: its next run is a Monday 09:30 UTC within a week.
    await page.getByTestId('schedule-type').selectOption('weekly');
    await page.getByTestId('schedule-weekday').selectOption({ label: 'Monday' });
    await page.getByTestId('schedule-time').fill('09:30');
    await page.getByTestId('schedule-timezone').fill('UTC');
    await page.getByTestId('schedule-add').click();
    await page.getByTestId('task-schedule').waitFor();
    expect(await page.getByTestId('task-schedule-rule').innerText()).toBe(
      'Weekly, Monday 09:30 (UTC)',
    );
    const next = await page.getByTestId('task-schedule-next').innerText();
    expect(next).not.toBe('—');
    // The task list shows the same next run time.
    await page.getByTestId('nav-automation').click();
    const listed = await page.getByTestId('automation-task-next').innerText();
    expect(listed).toBe(next);
    await page.close();
  }, 360_000);
});
