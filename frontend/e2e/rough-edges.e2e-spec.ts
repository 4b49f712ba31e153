import type { Locator } from 'playwright-core';
import { API_PATHS, type HealthDto, type MediaDto } from '@clippyfront/shared';
import { callApi, logIn, uploadVideo, watchProblems } from './support/browser.js';
import { makeVideo } from './support/clip-server.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-7';

/** Nothing of the element is cut: its content fits its box and the box fits the viewport. */
function fits(locator: Locator) {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const view = el.ownerDocument.documentElement;
    return {
      scrollFits: el.scrollWidth <= el.clientWidth,
      insideViewport: box.left >= 0 && box.right <= view.clientWidth,
      pageScrollsSideways: view.scrollWidth > view.clientWidth,
    };
  });
}

describe('rough edges a new user hit, in Chromium (npm start)', () => {
  const stack = useE2eStack('rough-edges', { adminPassword: ADMIN_PASSWORD });

  it('lands on Projects after logging in; the wizard has Back and Next, by keyboard', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${stack.app.baseUrl}/login`);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill('wrong password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    // Sent again empty: the "required" errors alone, not the old server answer beside them.
    await page.getByTestId('login-login').fill('');
    await page.getByTestId('login-submit').click();
    await page.getByText('Username or email is required.').waitFor();
    expect(await page.getByTestId('login-error').count()).toBe(0);

    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/projects$/);

    await page.getByTestId('project-new').click();
    await page.getByTestId('project-create-name').fill('E2E wizard');
    await page.getByTestId('project-create-submit').click();
    await page.waitForURL(/\/projects\/[^/?]+$/);
    expect(await page.getByTestId('clips-sources').innerText()).toBe(
      'Twitch clips and Discord attachments',
    );
    expect(await page.getByTestId('wizard-back').count()).toBe(0);
    await page.getByTestId('wizard-next').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?step=arrange$/);
    await page.getByTestId('arrange-step').waitFor();
    await page.getByTestId('wizard-next').focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/\?step=compile$/);
    await page.getByTestId('wizard-next').filter({ hasText: 'Export' }).waitFor();
    await page.getByTestId('wizard-next').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?step=export$/);
    // No Next after the last step (the step's view follows the URL a moment later).
    await page.getByTestId('wizard-next').waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('wizard-back').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?step=compile$/);
    await page.getByTestId('wizard-back').filter({ hasText: 'Back: Arrange' }).waitFor();
    await page.getByTestId('wizard-back').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?step=arrange$/);
    await page.getByTestId('arrange-step').waitFor();
    expect(await page.getByTestId('wizard-back').innerText()).toContain('Back: Clips');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('Status: the worker row names the encoder, and a long NVENC error stays inside its card', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.goto(`${stack.app.baseUrl}/status`);
    await page.getByTestId('worker-row').waitFor();
    const encoder = await page.getByTestId('ffmpeg-encoder').locator('code').innerText();
    expect(encoder).toMatch(/^(libx264|h264_nvenc)$/);
    expect(await page.getByTestId('worker-encoder').innerText()).toBe(encoder);

    // The text a machine without a GPU gives, made longer than any card (no spaces to wrap at).
    const reason =
      'NVENC test encode failed: [h264_nvenc @ 0x559256257c80] Cannot load libcuda.so.1 | ' +
      `/usr/lib/x86_64-linux-gnu/${'nvidia/'.repeat(40)}libnvidia-encode.so.1 ` +
      'Error initializing output stream 0:0 -- Error while opening encoder for output stream';
    const response = await page.request.get(`${stack.app.baseUrl}${API_PATHS.health}`);
    const health = (await response.json()) as HealthDto;
    health.ffmpeg.encoder = { encoder: 'libx264', reason };
    await page.route('**/api/health', (route) => route.fulfill({ json: health }));
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      const text = page.getByTestId('ffmpeg-encoder-reason');
      await text.waitFor();
      expect(await text.innerText()).toBe(reason);
      expect(await fits(page.getByTestId('health-ffmpeg'))).toEqual({
        scrollFits: true,
        insideViewport: true,
        pageScrollsSideways: false,
      });
      const [card, inner] = [
        (await page.getByTestId('health-ffmpeg').boundingBox())!,
        (await text.boundingBox())!,
      ];
      expect(inner.x + inner.width).toBeLessThanOrEqual(card.x + card.width);
    }
    await page.close();
  }, 120_000);

  it('at phone width the intro and outro names on the timeline are readable', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 375, height: 800 } });
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    const bumper = makeVideo(stack.workDir, 'bumper.mp4', 'testsrc2', 600, 1);
    const base = stack.app.baseUrl;
    const intro = await uploadVideo<MediaDto>(
      page,
      base,
      bumper,
      'Welcome to the stream.mp4',
      'intro',
    );
    const outro = await uploadVideo<MediaDto>(
      page,
      base,
      bumper,
      'Thanks for watching.mp4',
      'outro',
    );
    const project = await callApi(page, base, 'POST', API_PATHS.projects.list, {
      data: { name: 'E2E phone' },
    });
    await callApi(page, base, 'PUT', API_PATHS.projects.arrangement(project.id), {
      data: {
        introId: intro.id,
        outroId: outro.id,
        transitionIds: [],
        randomizeTransitions: false,
      },
    });

    await page.goto(`${base}/projects/${project.id}?step=arrange`);
    for (const [testId, media] of [
      ['timeline-intro', intro],
      ['timeline-outro', outro],
    ] as const) {
      const title = page.getByTestId(testId).locator('.timeline-card__title');
      await title.waitFor();
      expect(await title.innerText()).toBe(media.name);
      expect(await title.getAttribute('title')).toBe(media.name);
      expect(await fits(title)).toEqual({
        scrollFits: true,
        insideViewport: true,
        pageScrollsSideways: false,
      });
      // Room for words, not two letters.
      expect((await title.boundingBox())!.width).toBeGreaterThan(100);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('the media dialog keeps Save in view at 900 px high, its body scrolling', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    const clip = makeVideo(stack.workDir, 'dialog.mp4', 'testsrc2', 440, 1);
    await uploadVideo(page, stack.app.baseUrl, clip, 'Dialog clip.mp4', 'clip');
    await page.goto(`${stack.app.baseUrl}/media`);
    await page.getByTestId('media-open').first().click();
    const preview = page.getByTestId('media-preview');
    await preview.locator('video').waitFor();
    await preview.getByTestId('media-tags-input').fill('dialog');
    const save = preview.getByTestId('media-save');
    const inView = async () => {
      const box = (await save.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 900;
    };
    expect(await inView()).toBe(true);
    // Still there with the body scrolled to the top and to the bottom.
    await preview.evaluate((dialog) => dialog.scrollTo(0, dialog.scrollHeight));
    expect(await inView()).toBe(true);
    await preview.evaluate((dialog) => dialog.scrollTo(0, 0));
    expect(await inView()).toBe(true);
    await save.click();
    await preview.getByTestId('media-saved').waitFor();
    await page.close();
  }, 120_000);

  it('uploads: tags go with one batch, the file input is labelled, a 415 offers no Retry', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.goto(`${stack.app.baseUrl}/media`);
    const input = page.locator('[data-testid="media-dropzone"] input[type="file"]');
    expect(await input.getAttribute('id')).toBe('media-upload-file');
    expect(await input.getAttribute('aria-label')).toBe('Choose video or image files to upload');

    await page.getByTestId('media-upload-tags-input').fill('batch one');
    await page.getByTestId('media-upload-tags-input').press('Enter');
    // Not a video or image, though named like one: the server refuses it for good (415).
    await input.setInputFiles({
      name: 'notes.mp4',
      mimeType: 'video/mp4',
      buffer: Buffer.from('just some text, not a video at all\n'.repeat(10)),
    });
    await page.getByTestId('media-upload-tags-note').filter({ hasText: 'cleared' }).waitFor();
    expect(await page.getByTestId('media-upload-tags-chip').count()).toBe(0);
    const row = page.locator('[data-testid="media-upload-row"][data-state="error"]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('media-upload-error').innerText()).toMatch(/HTTP 415/);
    expect(await row.getByTestId('media-upload-retry').count()).toBe(0);
    await page.close();
  }, 120_000);
});
