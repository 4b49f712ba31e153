import { FakeDiscord } from '../../backend/test/support/fake-discord.js';
import { avatarPng, FakeTwitch } from '../../backend/test/support/fake-twitch.js';
import { logIn, waitUntil, watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-sources';
const DAY = 86_400_000;
const STREAMER = { id: '777', login: 'streamer', display_name: 'Streamer', profile_image_url: '' };

describe('Fetch from Twitch and Discord in the clips step, in Chromium (npm start, stand-ins)', () => {
  let twitch: FakeTwitch;
  let discord: FakeDiscord;
  let channel: string;

  // Registered before the stack's: the stand-in runs before the app starts with its URLs.
  beforeAll(async () => {
    twitch = await FakeTwitch.start();
    discord = await FakeDiscord.start();
    channel = discord.channel();
    discord.post(channel, {
      author: 'Alice',
      files: [{ name: 'ace.mp4', recipe: 'small-red.mp4' }],
    });
    discord.post(channel, {
      author: 'Bob',
      content: 'gg',
      files: [{ name: 'pic.png', contentType: 'image/png' }],
    });
    // A data: thumbnail, as the page's Content-Security-Policy takes no loopback images.
    const thumb = `data:image/png;base64,${avatarPng('purple', 32).toString('base64')}`;
    const at = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    twitch.addClips(STREAMER, [
      {
        id: 'OldButViral',
        title: 'Old but viral',
        view_count: 5000,
        created_at: at(30),
        thumbnail_url: '',
      },
      {
        id: 'FreshPlay',
        title: 'Fresh play',
        view_count: 40,
        created_at: at(1),
        thumbnail_url: thumb,
      },
      {
        id: 'WeekTop',
        title: 'Week top',
        view_count: 900,
        created_at: at(3),
        thumbnail_url: thumb,
      },
      { id: 'WeekQuiet', title: 'Week quiet', view_count: 2, created_at: at(4), thumbnail_url: '' },
    ]);
  });
  afterAll(async () => {
    await twitch?.close();
    await discord?.close();
  });

  const stack = useE2eStack('clip-sources', {
    adminPassword: ADMIN_PASSWORD,
    env: () => ({ ...twitch.env(), ...discord.env(), DOWNLOAD_TIMEOUT_SECONDS: '5' }),
  });

  it('fetches the broadcaster’s clips, ticks two, adds them and sees them in the list', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);

    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-create-name').fill('From Twitch');
    await page.getByTestId('project-create-submit').click();
    await page.getByTestId('clips-empty').waitFor();

    await page.getByTestId('fetch-twitch-toggle').click();
    await page.getByTestId('fetch-username').fill('streamer');
    await page.getByTestId('fetch-submit').click();
    const found = page.getByTestId('found-clip');
    await found.nth(3).waitFor();
    expect(await page.getByTestId('found-clip-title').allInnerTexts()).toEqual([
      'Fresh play',
      'Week top',
      'Week quiet',
      'Old but viral',
    ]);
    expect(await page.getByTestId('fetch-heading').innerText()).toContain('Streamer: 4 clips');
    expect(await found.first().getByTestId('found-clip-views').innerText()).toBe('40 views');
    // Lazy images load once scrolled to.
    const images = page.locator('.found-clip__image');
    expect(await images.count()).toBe(2);
    for (const image of await images.all()) await image.scrollIntoViewIfNeeded();
    await waitUntil(
      `the thumbnails have loaded (${problems.join('; ')})`,
      () =>
        images.evaluateAll((imgs) =>
          imgs.every((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0),
        ),
      10_000,
    );

    // "The 2 most viewed of the last 7 days": fetched by views in that period, both ticked.
    await page.getByTestId('fetch-top-count').fill('2');
    await page.getByTestId('fetch-top-week').click();
    await page.getByTestId('fetch-selected-count').filter({ hasText: '2 selected' }).waitFor();
    expect(await page.getByTestId('found-clip-title').allInnerTexts()).toEqual([
      'Week top',
      'Fresh play',
    ]);
    // Untick one and tick it again: still two.
    await found.nth(1).getByTestId('found-clip-check').uncheck();
    await page.getByTestId('fetch-selected-count').filter({ hasText: '1 selected' }).waitFor();
    await found.nth(1).getByTestId('found-clip-check').check();
    await page.getByTestId('fetch-add').click();

    await page.getByTestId('clips-accepted').filter({ hasText: 'Added 2 clips.' }).waitFor();
    const rows = page.getByTestId('clip-row');
    await rows.nth(1).waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-url')))).toEqual([
      'https://clips.twitch.tv/WeekTop',
      'https://clips.twitch.tv/FreshPlay',
    ]);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-source')))).toEqual([
      'twitch',
      'twitch',
    ]);

    // The same clips again: refused as already in the project, like pasted links.
    await page.getByTestId('fetch-select-all').check();
    await page.getByTestId('fetch-add').click();
    await page.getByTestId('clips-accepted').filter({ hasText: 'No clips were added.' }).waitFor();
    expect(
      await page
        .getByTestId('clips-rejected-item')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-reason'))),
    ).toEqual(['already-in-project', 'already-in-project']);

    // A broadcaster Twitch does not know: the API's message.
    await page.getByTestId('fetch-username').fill('nobody_here');
    await page.getByTestId('fetch-submit').click();
    await page
      .getByTestId('fetch-error')
      .filter({ hasText: 'Twitch has no broadcaster "nobody_here" (HTTP 404)' })
      .waitFor();
    // Expected: the 400 of the add that took none, the 404 of the unknown broadcaster.
    expect(problems.filter((p) => !/status of (400|404)\b/.test(p))).toEqual([]);
    await page.close();
  });

  it('fetches a Discord channel’s video attachments and downloads the one added', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-create-name').fill('From Discord');
    await page.getByTestId('project-create-submit').click();
    await page.getByTestId('clips-empty').waitFor();

    await page.getByTestId('fetch-discord-toggle').click();
    await page.getByTestId('fetch-channel').fill(channel);
    await page.getByTestId('fetch-submit').click();
    await page.getByTestId('found-clip').first().waitFor();
    expect(await page.getByTestId('found-clip-title').allInnerTexts()).toEqual(['ace.mp4']);
    expect(await page.getByTestId('found-clip-creator').allInnerTexts()).toEqual(['Alice']);
    await page.getByTestId('found-clip-check').check();
    await page.getByTestId('fetch-add').click();

    await page.getByTestId('clips-accepted').filter({ hasText: 'Added 1 clip.' }).waitFor();
    await page.locator('[data-testid="clip-row"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(discord.calls.files).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
