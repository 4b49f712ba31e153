import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { logIn, waitUntil, watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-2';
const FFMPEG = process.env.FFMPEG_BINARY ?? 'ffmpeg';

interface TestFile {
  name: string;
  type: string;
  base64: string;
}

/** A 3 s 320×240 H.264 + AAC clip and a PNG, made with ffmpeg's test sources. */
function makeTestFiles(dir: string): TestFile[] {
  const clip = join(dir, 'e2e-clip.mp4');
  const still = join(dir, 'e2e-still.png');
  const ffmpeg = (args: string[]) =>
    execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  ffmpeg([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=3'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=3'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    ...['-movflags', '+faststart', clip],
  ]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=640x360', '-frames:v', '1', still]);
  return [
    { name: 'e2e-clip.mp4', type: 'video/mp4', base64: readFileSync(clip).toString('base64') },
    { name: 'e2e-still.png', type: 'image/png', base64: readFileSync(still).toString('base64') },
  ];
}

/** Drops the files on the element like a user would: a real `drop` event with a DataTransfer. */
async function dropFiles(page: Page, testId: string, files: TestFile[]): Promise<void> {
  const target = page.getByTestId(testId);
  // Built in the page, from the page's own constructors (this file is compiled without DOM types).
  const dataTransfer = await target.evaluateHandle((element, list) => {
    const window = element.ownerDocument.defaultView;
    const transfer = new window.DataTransfer();
    for (const file of list) {
      const bytes = window.Uint8Array.from(window.atob(file.base64), (c: string) =>
        c.charCodeAt(0),
      );
      transfer.items.add(new window.File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

describe('the media library in Chromium (npm start)', () => {
  const stack = useE2eStack('media', { adminPassword: ADMIN_PASSWORD });
  let files: TestFile[];

  beforeAll(() => {
    files = makeTestFiles(stack.workDir);
  });

  it('uploads dropped files with tus, shows their thumbnails and plays the video', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);

    await page.getByTestId('nav-media').click();
    await page.waitForURL(/\/media$/);
    await page.getByTestId('media-empty').waitFor();
    await page.getByTestId('media-usage-text').filter({ hasText: '(0 files)' }).waitFor();

    await dropFiles(page, 'media-dropzone', files);
    const rows = page.getByTestId('media-upload-row');
    await rows.first().waitFor();
    expect(
      await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-file-name'))),
    ).toEqual(['e2e-clip.mp4', 'e2e-still.png']);
    await page.locator('[data-testid="media-upload-row"][data-state="done"]').nth(1).waitFor({
      timeout: 60_000,
    });
    const progress = await page
      .getByTestId('media-upload-progress')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuenow')));
    expect(progress).toEqual(['100', '100']);
    expect(await page.getByTestId('media-upload-error').count()).toBe(0);

    // Both appear in the grid; their thumbnails arrive once the thumbnail jobs have run.
    const cards = page.getByTestId('media-card');
    await cards.nth(1).waitFor();
    expect(await cards.count()).toBe(2);
    await waitUntil(
      'both thumbnails are loaded',
      () =>
        page
          .getByTestId('media-thumbnail')
          .evaluateAll(
            (images) =>
              images.length === 2 && images.every((img) => img.complete && img.naturalWidth > 0),
          ),
      60_000,
    );
    const video = page.locator('[data-testid="media-card"][data-type="clip"]');
    expect(await video.getByTestId('media-card-meta').innerText()).toMatch(/^0:03 · 320×240 · /);
    const image = page.locator('[data-testid="media-card"][data-type="image"]');
    expect(await image.getByTestId('media-card-meta').innerText()).toMatch(/^640×360 · /);
    await page.getByTestId('media-usage-text').filter({ hasText: '(2 files)' }).waitFor();

    // The preview plays the clip with video.js, streamed with Range requests.
    await video.getByTestId('media-open').click();
    const preview = page.getByTestId('media-preview');
    const player = preview.locator('video');
    await player.waitFor();
    await preview.locator('.vjs-big-play-button').click();
    await waitUntil(
      'the video plays past 0.5 s',
      () => player.evaluate((element) => element.currentTime > 0.5),
      20_000,
    );
    expect(await preview.getByTestId('media-preview-problem').count()).toBe(0);

    // Tags are edited in the preview and saved through the API.
    await preview.getByTestId('media-tags-input').fill('E2E Run');
    await preview.getByTestId('media-tags-input').press('Enter');
    await preview.getByTestId('media-save').click();
    await preview.getByTestId('media-saved').waitFor();
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    expect(await video.getByTestId('media-card-tag').allInnerTexts()).toEqual(['e2e run']);

    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
