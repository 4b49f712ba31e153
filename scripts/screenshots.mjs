#!/usr/bin/env node
/**
 * The README's screenshots, from the real SPA: starts the app as the Quickstart does (`npm start`,
 * embedded database, jobs in-process) in a temporary instance folder, registers a user, uploads
 * media made with ffmpeg's test sources, downloads clips from a local "site", and captures the
 * media library and the project wizard's Arrange step into docs/images/.
 *
 * Run with `npm run screenshots` (Node 24: the e2e support files are TypeScript, loaded with
 * Node's type stripping). Needs ffmpeg and Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium).
 */
/* global document, window -- used only in functions evaluated in the page */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startApp } from '../frontend/e2e/support/app-harness.ts';
import { launchChromium, logIn, waitUntil } from '../frontend/e2e/support/browser.ts';
import { makeVideo, startClipServer } from '../frontend/e2e/support/clip-server.ts';

const OUT = join(ROOT, 'docs', 'images');
const FFMPEG = process.env.FFMPEG_BINARY ?? 'ffmpeg';
const MAX_BYTES = 300 * 1024;
const VIEWPORT = { width: 1280, height: 860 };
const USER = { username: 'maya', email: 'maya@example.org', password: 'screenshots-pass-1' };

/** A still image (PNG) from one of ffmpeg's test sources. */
function makeImage(dir, name, source) {
  const file = join(dir, name);
  execFileSync(
    FFMPEG,
    ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'].concat([
      '-i',
      `${source}=size=640x360`,
      '-frames:v',
      '1',
      file,
    ]),
  );
  return readFileSync(file);
}

/** Uploads a file as library media of `type` with the page's session (cookie + XSRF header). */
async function upload(page, baseUrl, buffer, name, type, mimeType = 'video/mp4', tags = '') {
  const cookies = await page.context().cookies(baseUrl);
  const xsrf = cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
  const response = await page.request.post(`${baseUrl}/api/media`, {
    headers: { 'X-XSRF-TOKEN': xsrf },
    multipart: { type, tags, file: { name, mimeType, buffer } },
  });
  if (response.status() !== 201) throw new Error(`upload ${name}: ${response.status()}`);
  return (await response.json()).id;
}

/** Writes the page as a PNG, reduced to a 256-colour palette when over the size budget. */
async function capture(page, name) {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.png`);
  // Thumbnails load lazily: scroll through the page, then wait until every image is decoded.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((done) => setTimeout(done, 100));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() =>
    [...document.images].every((image) => image.complete && image.naturalWidth > 0),
  );
  await page.screenshot({ path: file, fullPage: true });
  if (statSync(file).size > MAX_BYTES) {
    const reduced = `${file}.tmp.png`;
    execFileSync(
      FFMPEG,
      ['-hide_banner', '-loglevel', 'error', '-y', '-i', file]
        .concat([
          '-vf',
          'split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none',
        ])
        .concat(['-frames:v', '1', reduced]),
    );
    renameSync(reduced, file);
  }
  const size = statSync(file).size;
  if (size > MAX_BYTES) throw new Error(`${file} is ${size} bytes, over ${MAX_BYTES}`);
  console.log(`${file}: ${Math.round(size / 1024)} KB`);
}

/** True once `count` cards show no placeholder; else reloads the page (thumbnails come later). */
async function shownWithout(page, cardTestId, placeholder, count = 1) {
  const cards = page.getByTestId(cardTestId);
  await cards.first().waitFor();
  if ((await cards.count()) >= count && (await cards.locator(placeholder).count()) === 0)
    return true;
  await page.waitForTimeout(1000);
  await page.reload();
  return false;
}

const work = mkdtempSync(join(tmpdir(), 'clippyfront-screenshots-'));
const clipNames = ['ace-clutch', 'last-second-save', 'speedrun-skip', 'chat-goes-wild'];
const sources = ['testsrc2', 'smptebars', 'rgbtestsrc', 'pal75bars'];
const clipFiles = Object.fromEntries(
  clipNames.map((name, i) => [
    `/clips/${name}.mp4`,
    makeVideo(work, `${name}.mp4`, sources[i], 300 + i * 100, 4),
  ]),
);
const clips = await startClipServer(clipFiles);
let app;
let browser;
try {
  app = await startApp(`screenshots-admin-${Date.now()}`, {
    ALLOW_EXTERNAL_URLS: 'true',
    DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  const { baseUrl } = app;
  const registered = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(USER),
  });
  if (registered.status !== 201) throw new Error(`register: ${registered.status}`);

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: VIEWPORT });
  await logIn(page, baseUrl, USER.username, USER.password);

  // The library: intros, outros, transitions, a few stills and clips.
  const bumper = (name, source, hz) => makeVideo(work, name, source, hz, 2);
  const intro = await upload(
    page,
    baseUrl,
    bumper('intro.mp4', 'testsrc', 500),
    'Channel intro.mp4',
    'intro',
    'video/mp4',
    'branding',
  );
  const outro = await upload(
    page,
    baseUrl,
    bumper('outro.mp4', 'yuvtestsrc', 600),
    'See you next week.mp4',
    'outro',
    'video/mp4',
    'branding',
  );
  await upload(
    page,
    baseUrl,
    bumper('swipe.mp4', 'color=c=0x7c5cff', 700),
    'Swipe.mp4',
    'transition',
  );
  await upload(page, baseUrl, bumper('glitch.mp4', 'rgbtestsrc', 800), 'Glitch.mp4', 'transition');
  await upload(
    page,
    baseUrl,
    makeImage(work, 'overlay.png', 'smptehdbars'),
    'Overlay frame.png',
    'image',
    'image/png',
    'branding',
  );
  await upload(
    page,
    baseUrl,
    makeImage(work, 'banner.png', 'testsrc2'),
    'Stream banner.png',
    'image',
    'image/png',
  );

  // A project whose clips come from the local "site".
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-new').click();
  await page.getByTestId('project-create-name').fill('Best of the week');
  await page.getByTestId('project-create-submit').click();
  await page.waitForURL(/\/projects\/[^/?]+$/);
  await page
    .getByTestId('clips-urls')
    .fill(clipNames.map((n) => clips.url(`/clips/${n}.mp4`)).join('\n'));
  await page.getByTestId('clips-add').click();
  await waitUntil(
    'the clips are ready',
    async () =>
      (await page.locator('[data-testid="clip-row"][data-state="ready"]').count()) ===
      clipNames.length,
    180_000,
  );

  await page.locator('[data-step="arrange"] button').click();
  await page.waitForURL(/\?step=arrange$/);
  await page.getByTestId('intro-picker').locator(`[data-media-id="${intro}"]`).click();
  await page.getByTestId('outro-picker').locator(`[data-media-id="${outro}"]`).click();
  await page.getByTestId('transitions-select-all').click();
  await page.locator('[data-testid="arrangement-status"][data-state="saved"]').waitFor();
  await page.getByTestId('timeline-add-all').click();
  await waitUntil(
    'the timeline has every clip',
    async () => (await page.getByTestId('timeline-card').count()) === clipNames.length,
  );
  await waitUntil(
    'the timeline thumbnails are shown',
    () => shownWithout(page, 'timeline-card', '[data-testid="media-thumb-placeholder"]'),
    60_000,
  );
  await capture(page, 'arrange');

  await page.getByTestId('nav-media').click();
  await page.waitForURL(/\/media$/);
  await waitUntil(
    'every library thumbnail is made',
    () => shownWithout(page, 'media-card', '[data-testid="media-thumbnail-placeholder"]', 10),
    120_000,
  );
  await capture(page, 'media-library');
} finally {
  await browser?.close();
  await app?.stop();
  await clips.close();
  rmSync(work, { recursive: true, force: true });
}
