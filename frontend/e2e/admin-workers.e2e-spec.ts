import type { Page } from 'playwright-core';
import { API_PATHS, type ClipDto, type CompilationDto } from '@clippyfront/shared';
import { callApi, logIn, waitUntil, watchProblems } from './support/browser.js';
import { makeVideo } from './support/clip-server.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-9';
const PROJECT = 'Render farm project';
// The CPU box still says `cpu`, the general queue's old name: it is listed (and works) as celery.
const WORKERS = [
  { name: 'e2e-gpu-box', queues: 'gpu', listed: 'gpu' },
  { name: 'e2e-cpu-box', queues: 'cpu', listed: 'celery' },
];

/** The worker id each worker name has on Admin → System. */
async function workerIds(page: Page): Promise<Record<string, string>> {
  const rows = await page
    .getByTestId('system-worker-row')
    .evaluateAll((els) =>
      els.map((row) => [
        row.querySelector('[data-testid="system-worker-name"]')?.textContent?.trim() ?? '',
        row.getAttribute('data-worker-id') ?? '',
      ]),
    );
  return Object.fromEntries(rows);
}

/** Admin → Jobs filtered by one worker: the kinds and states listed. */
async function jobsOf(page: Page, workerId: string): Promise<string[]> {
  await page.getByTestId('admin-jobs-worker').fill(workerId);
  await page.getByTestId('admin-jobs-apply').click();
  let listed: string[] = [];
  await waitUntil(`the jobs of ${workerId}`, async () => {
    const workers = await page.getByTestId('admin-job-worker').allInnerTexts();
    if (workers.length === 0 || workers.some((shown) => shown.trim() !== workerId)) return false;
    listed = await page
      .getByTestId('admin-job-row')
      .evaluateAll((els) =>
        els.map(
          (row) =>
            `${row.querySelector('[data-testid="admin-job-link"]')?.textContent?.trim()}:` +
            `${row.getAttribute('data-state')}`,
        ),
      );
    return true;
  });
  return listed.sort();
}

describe('the admin console with separate workers (Redis queues, two worker processes)', () => {
  const stack = useE2eStack('admin-workers', {
    adminPassword: ADMIN_PASSWORD,
    clips: (dir) => ({ '/clips/bars.mp4': makeVideo(dir, 'bars.mp4', 'smptebars', 440) }),
    workers: WORKERS,
  });

  it('System lists both workers and the Redis queues; Jobs and Projects show the work each did', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems = watchProblems(page);
    const { baseUrl } = stack.app;
    await logIn(page, baseUrl, 'admin', ADMIN_PASSWORD);

    // A project whose clip downloads on the CPU worker, compiled on the GPU-queue worker.
    await page.getByTestId('nav-projects').click();
    await page.waitForURL(/\/projects$/);
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-create-name').fill(PROJECT);
    await page.getByTestId('project-create-submit').click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    const projectId = page.url().split('/').pop()!;
    const clipUrl = stack.clipServer.url('/clips/bars.mp4');
    await page.getByTestId('clips-urls').fill(clipUrl);
    await page.getByTestId('clips-add').click();
    await page
      .locator(`[data-testid="clip-row"][data-url="${clipUrl}"][data-state="ready"]`)
      .waitFor({ timeout: 90_000 });
    const clips = await callApi<{ items: ClipDto[] }>(
      page,
      baseUrl,
      'GET',
      API_PATHS.projects.clips(projectId),
    );
    await callApi(page, baseUrl, 'PUT', API_PATHS.projects.timeline(projectId), {
      data: { clipIds: clips.items.map((clip) => clip.id) },
    });
    const compilation = await callApi<CompilationDto>(
      page,
      baseUrl,
      'POST',
      API_PATHS.projects.compile(projectId),
      { data: { resolution: '720p', fps: 30 } },
    );
    await waitUntil(
      'the compile to finish on the worker',
      async () => {
        const now = await callApi<CompilationDto>(
          page,
          baseUrl,
          'GET',
          API_PATHS.projects.compilation(projectId, compilation.id),
        );
        if (now.state === 'failed') throw new Error(`compile failed: ${now.error}`);
        return now.state === 'completed';
      },
      180_000,
    );

    // Admin → System: Redis up, its queues, both worker processes with their queues and encoder.
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav-system').click();
    await page.getByTestId('system-redis').waitFor();
    expect(await page.getByTestId('system-redis').innerText()).toMatch(/up[\s\S]*\d+\.\d+/);
    for (const queue of ['celery', 'gpu']) {
      await page.locator(`[data-testid="system-queue-row"][data-queue="${queue}"]`).waitFor();
    }
    await waitUntil('both workers to be listed', async () => {
      const names = Object.keys(await workerIds(page));
      if (names.length < 2) await page.getByTestId('system-refresh').click();
      return WORKERS.every((worker) => names.includes(worker.name));
    });
    const ids = await workerIds(page);
    for (const worker of WORKERS) {
      const row = page.locator(
        `[data-testid="system-worker-row"][data-worker-id="${ids[worker.name]}"]`,
      );
      expect(await row.innerText()).toContain(worker.listed);
      expect(await row.innerText()).toMatch(/libx264|h264_nvenc/);
    }

    // Admin → Jobs by worker: the download ran on the CPU worker, the compile on the GPU one.
    await page.getByTestId('admin-nav-jobs').click();
    await page.getByTestId('admin-jobs').waitFor();
    const cpuJobs = await jobsOf(page, ids['e2e-cpu-box']);
    expect(cpuJobs).toContain('download:completed');
    expect(cpuJobs.every((job) => !job.startsWith('compile'))).toBe(true);
    expect(await jobsOf(page, ids['e2e-gpu-box'])).toEqual(['compile:completed']);

    // The compile's page: its log names the worker; finished, so neither Retry nor Cancel.
    await page.getByTestId('admin-job-link').first().click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page
      .getByTestId('job-log')
      .filter({ hasText: `Claimed by ${ids['e2e-gpu-box']}` })
      .waitFor();
    expect(await page.getByTestId('job-retry').count()).toBe(0);
    expect(await page.getByTestId('job-cancel').count()).toBe(0);

    // Admin → Projects: the project with its clip and its last compilation.
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav-projects').click();
    const row = page.locator(`[data-testid="admin-project-row"][data-project-name="${PROJECT}"]`);
    await row.waitFor();
    expect(await row.getByTestId('admin-project-clips').innerText()).toBe('1');
    expect(await row.getByTestId('admin-project-last').innerText()).toMatch(/completed/i);

    expect(problems).toEqual([]);
    await page.close();
  }, 420_000);
});
