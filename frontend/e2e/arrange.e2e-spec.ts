import type { Page } from 'playwright-core';
import { API_PATHS, type TimelineDto } from '@clippyfront/shared';
import { logIn, uploadVideo, waitUntil, watchProblems } from './support/browser.js';
import { makeVideo } from './support/clip-server.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-4';

/** The clip URLs on the timeline, top to bottom, as shown (an external clip's title is its URL). */
function shownOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('timeline-card-title')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
}

/** The clip URLs on the timeline as the server has them. */
async function savedOrder(page: Page, baseUrl: string, projectId: string): Promise<string[]> {
  const response = await page.request.get(`${baseUrl}${API_PATHS.projects.timeline(projectId)}`);
  return ((await response.json()) as TimelineDto).items.map((item) => item.sourceUrl);
}

/** Drags a timeline card onto another one with real mouse moves (the CDK needs the steps). */
async function drag(page: Page, from: string, to: string): Promise<void> {
  const card = (url: string) =>
    page.getByTestId('timeline-card').filter({ has: page.getByText(url, { exact: true }) });
  const source = (await card(from).boundingBox())!;
  const target = (await card(to).boundingBox())!;
  const x = source.x + 40;
  await page.mouse.move(x, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, source.y + source.height / 2 + 12, { steps: 4 });
  const below = target.y > source.y;
  await page.mouse.move(x, target.y + (below ? target.height * 0.75 : target.height * 0.25), {
    steps: 20,
  });
  // While dragging, the insert marker shows where the card will land.
  await page.getByTestId('timeline-placeholder').waitFor();
  await page.mouse.up();
}

describe('the Arrange step in Chromium (npm start)', () => {
  const stack = useE2eStack('arrange', {
    adminPassword: ADMIN_PASSWORD,
    clips: (dir) => ({
      '/clips/red.mp4': makeVideo(dir, 'red.mp4', 'color=c=red', 300),
      '/clips/green.mp4': makeVideo(dir, 'green.mp4', 'color=c=green', 500),
      '/clips/blue.mp4': makeVideo(dir, 'blue.mp4', 'color=c=blue', 700),
    }),
  });

  it('picks intro, outro and transitions; orders the timeline by drag and drop and keyboard; keeps it', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    const bumper = makeVideo(stack.workDir, 'bumper.mp4', 'testsrc2', 600, 1);
    const base = stack.app.baseUrl;
    const intro = (await uploadVideo(page, base, bumper, 'Hello intro.mp4', 'intro')).id;
    const outro = (await uploadVideo(page, base, bumper, 'Bye outro.mp4', 'outro')).id;
    for (const name of ['Swipe.mp4', 'Fade.mp4']) {
      await uploadVideo(page, base, bumper, name, 'transition');
    }

    // A project with three clips downloaded from the local "site".
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-create-name').fill('E2E arrange');
    await page.getByTestId('project-create-submit').click();
    await page.waitForURL(/\/projects\/[^/?]+$/);
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    const [red, green, blue] = ['red', 'green', 'blue'].map((c) =>
      stack.clipServer.url(`/clips/${c}.mp4`),
    );
    await page.getByTestId('clips-urls').fill(`${red}\n${green}\n${blue}`);
    await page.getByTestId('clips-add').click();
    await page.getByTestId('clips-accepted').filter({ hasText: 'Added 3 clips.' }).waitFor();
    await waitUntil(
      'the three clips are ready',
      async () =>
        (await page.locator('[data-testid="clip-row"][data-state="ready"]').count()) === 3,
      120_000,
    );

    // Arrange: the URL remembers the step.
    await page.locator('[data-step="arrange"] button').click();
    await page.waitForURL(/\?step=arrange$/);
    await page.getByTestId('timeline-empty').waitFor();

    await page.getByTestId('intro-picker').locator(`[data-media-id="${intro}"]`).click();
    await page.getByTestId('outro-picker').locator(`[data-media-id="${outro}"]`).click();
    await page.getByTestId('transitions-select-all').click();
    await page.getByTestId('transitions-randomize').check();
    await page.locator('[data-testid="arrangement-status"][data-state="saved"]').waitFor();
    expect(
      await page.locator('[data-testid="transition-option"].pick-card--selected').count(),
    ).toBe(2);
    expect(
      await page
        .getByTestId('intro-picker')
        .locator('img[data-testid="media-thumb-image"]')
        .count(),
    ).toBe(1);
    await page.getByTestId('timeline-intro').waitFor();
    await page.getByTestId('timeline-outro').waitFor();

    // The timeline from the ready clips, in the order they were added.
    await page.getByTestId('timeline-add-all').click();
    await waitUntil('three cards', async () => (await shownOrder(page)).length === 3);
    expect(await shownOrder(page)).toEqual([red, green, blue]);
    await waitUntil(
      'the server has them',
      async () =>
        (await savedOrder(page, stack.app.baseUrl, projectId)).join() === [red, green, blue].join(),
    );
    expect(await page.getByTestId('timeline-total').innerText()).toBe('0:06');
    expect(await page.getByTestId('timeline-estimate').innerText()).toMatch(
      /^about 0:1[2-4] with the intro, outro, transitions and bumpers$/,
    );
    const border = await page
      .getByTestId('timeline-card')
      .first()
      .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).borderLeftColor);
    expect(border).toBe('rgb(124, 92, 255)'); // --cf-type-clip

    // Drag the first card below the last one with the mouse.
    await drag(page, red, blue);
    await waitUntil(
      'the dropped order',
      async () => (await shownOrder(page)).join() === [green, blue, red].join(),
    );
    await waitUntil(
      'the dropped order is saved',
      async () =>
        (await savedOrder(page, stack.app.baseUrl, projectId)).join() === [green, blue, red].join(),
    );
    await page.reload();
    await page.getByTestId('timeline-card').nth(2).waitFor();
    expect(await shownOrder(page)).toEqual([green, blue, red]);
    await page.locator('[data-testid="transition-option"].pick-card--selected').nth(1).waitFor();
    expect(await page.getByTestId('transitions-randomize').isChecked()).toBe(true);
    expect(
      await page
        .getByTestId('intro-picker')
        .locator(`[data-media-id="${intro}"] input`)
        .isChecked(),
    ).toBe(true);

    // Keyboard: the focused card moves with Alt+↑ and keeps the focus.
    const redCard = page
      .getByTestId('timeline-card')
      .filter({ has: page.getByText(red, { exact: true }) });
    await redCard.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await waitUntil(
      'red moved up',
      async () => (await shownOrder(page)).join() === [green, red, blue].join(),
    );
    await page.keyboard.press('Alt+ArrowUp');
    await waitUntil(
      'red moved to the top',
      async () => (await shownOrder(page)).join() === [red, green, blue].join(),
    );
    expect(await redCard.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByTestId('timeline-announcement').innerText()).toContain(
      'position 1 of 3',
    );
    await waitUntil(
      'the keyboard order is saved',
      async () =>
        (await savedOrder(page, stack.app.baseUrl, projectId)).join() === [red, green, blue].join(),
    );

    // Taken off the timeline, the clip is offered again below it.
    await page
      .getByTestId('timeline-card')
      .filter({ has: page.getByText(green, { exact: true }) })
      .getByTestId('timeline-remove')
      .click();
    await waitUntil(
      'green is off',
      async () => (await shownOrder(page)).join() === [red, blue].join(),
    );
    await page.getByTestId('timeline-available-clip').waitFor();
    await waitUntil(
      'the removal is saved',
      async () =>
        (await savedOrder(page, stack.app.baseUrl, projectId)).join() === [red, blue].join(),
    );
    await page.reload();
    await page.getByTestId('timeline-card').nth(1).waitFor();
    expect(await shownOrder(page)).toEqual([red, blue]);
    expect(await page.getByTestId('timeline-total').innerText()).toBe('0:04');

    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
