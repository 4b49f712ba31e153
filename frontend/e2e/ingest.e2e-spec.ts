import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logIn, watchProblems } from './support/browser.js';
import { useE2eStack } from './support/e2e-stack.js';

const ADMIN_PASSWORD = 'e2e-admin-password-ingest';
const FFMPEG = process.env.FFMPEG_BINARY ?? 'ffmpeg';
const ARTIFACT = 'p1_Best_of_20260101T000000Z';

/** An artifact as a worker exports it (MP4, manifest.json, .DONE), under INGEST_ROOT/render-01/. */
function pushArtifact(root: string): void {
  const dir = join(root, 'render-01', ARTIFACT);
  mkdirSync(dir, { recursive: true });
  const video = join(dir, 'Best_of.mp4');
  execFileSync(FFMPEG, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=2'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', video],
  ]);
  const sha256 = createHash('sha256').update(readFileSync(video)).digest('hex');
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ kind: 'compilation', fileName: 'Best_of.mp4', sha256 }),
  );
  writeFileSync(join(dir, '.DONE'), '');
}

describe('Admin → Ingest in Chromium (npm start, importer on)', () => {
  const stack = useE2eStack('ingest', {
    adminPassword: ADMIN_PASSWORD,
    env: (workDir) => {
      mkdirSync(join(workDir, 'ingest'));
      return {
        INGEST_IMPORT_ENABLED: 'true',
        INGEST_ROOT: join(workDir, 'ingest'),
        INGEST_IMPORT_USERNAME: 'admin',
        INGEST_IMPORT_PROJECT: 'Imported renders',
        INGEST_IMPORT_INTERVAL_SECONDS: '3600',
      };
    },
  });

  it('shows the settings, scans on "Scan now" and lists the artifact imported once', async () => {
    const page = await stack.browser.newPage();
    const problems = watchProblems(page);
    await logIn(page, stack.app.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav-ingest').click();
    await page.getByTestId('admin-ingest').waitFor();
    expect(await page.getByTestId('ingest-enabled').innerText()).toBe('on');
    expect(await page.getByTestId('ingest-target').innerText()).toContain('admin');
    await page.getByTestId('ingest-no-scan').waitFor();

    pushArtifact(join(stack.workDir, 'ingest'));
    await page.getByTestId('ingest-scan').click();
    const row = page.locator('[data-testid="ingest-artifact-row"][data-state="imported"]');
    await row.waitFor();
    expect(await row.innerText()).toContain(ARTIFACT);
    expect(await page.getByTestId('ingest-counts').innerText()).toBe(
      '1 imported · 0 skipped · 0 waiting · 0 failed',
    );

    await page.getByTestId('ingest-scan').click();
    const again = page.locator('[data-testid="ingest-artifact-row"][data-state="skipped"]');
    await again.waitFor();
    expect(await again.getByTestId('ingest-artifact-reason').innerText()).toBe('already imported');
    expect(await page.getByTestId('ingest-total').innerText()).toBe('1');

    // The import is a compilation of the configured project: its Export step plays it.
    await page.getByTestId('nav-projects').click();
    await page
      .getByTestId('project-row')
      .filter({ hasText: 'Imported renders' })
      .getByTestId('project-link')
      .click();
    await page.locator('[data-step="export"] button').click();
    await page.waitForURL(/\?step=export$/);
    await page.getByTestId('export-player').waitFor();
    expect(await page.getByTestId('export-artifact-state').innerText()).toBe(
      'Imported from worker render-01',
    );
    expect(await page.getByTestId('export-artifact-detail').innerText()).toContain(ARTIFACT);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Imported renders.mp4');
    expect(problems).toEqual([]);
  });
});
