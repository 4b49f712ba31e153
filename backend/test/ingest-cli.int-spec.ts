/**
 * scripts/import-from-ingest.sh (backend/dist/cli/import-from-ingest.js) against the database
 * of an API running in this process: dry run, JSON report, exactly once, move and link.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  API_PATHS,
  type IngestScanResultDto,
  type IngestStatusDto,
  type MediaDto,
  type MediaListDto,
  type ProjectListDto,
} from '@clippyfront/shared';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { registerUsers } from './support/clips-client.js';
import { runScript } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia } from './support/test-media.js';

const CLI = join(PROJECT_ROOT, 'backend', 'dist', 'cli', 'import-from-ingest.js');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('import-from-ingest CLI', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-ingest-cli-'));
  const root = join(scratch, 'ingest');
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  const run = (...args: string[]) =>
    runScript(CLI, args, { DATABASE_URL: db.url, CLIPPY_INSTANCE_PATH: app.instanceDir }, 120_000);
  const report = async (...args: string[]): Promise<IngestScanResultDto> => {
    const result = await run('--json', ...args);
    if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr}`);
    return JSON.parse(result.stdout) as IngestScanResultDto;
  };
  const target = ['--username', 'importer', '--project', 'From the farm'];
  const library = async () =>
    (await api<MediaListDto>(app.baseUrl, `${API_PATHS.media.list}?limit=100`, { token })).body;
  /** An artifact as a worker exports it, with manifest.json and .DONE. */
  const artifact = (base: string, worker: string, name: string, kind = 'compilation') => {
    const dir = join(base, worker, name);
    mkdirSync(dir, { recursive: true });
    const bytes = testMedia('clip.mp4');
    writeFileSync(join(dir, 'video.mp4'), bytes);
    const manifest = {
      kind,
      fileName: 'video.mp4',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, '.DONE'), '');
    return { dir, file: join(dir, 'video.mp4'), manifest };
  };

  beforeAll(async () => {
    db = await createTestDatabase('ingest_cli');
    app = await startTestApp({ DATABASE_URL: db.url, JOB_STALL_SECONDS: '5' });
    [token] = await registerUsers(app, 'importer');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reports with --dry-run, imports with --json, and never twice', async () => {
    const a = artifact(root, 'w1', 'proj_a_20250101T000000Z');
    artifact(root, 'w1', 'clip_b_20250101T000001Z', 'clip');
    writeFileSync(join(root, 'w1', 'proj_a_20250101T000000Z', 'notes.txt'), 'not media');

    const dry = await report(...target, '--ingest-root', root, '--dry-run');
    expect(dry.dryRun).toBe(true);
    expect(dry.counts).toEqual({ imported: 0, skipped: 2, waiting: 0, failed: 0 });
    expect(dry.artifacts.map((x) => [x.artifact, x.mediaType, x.reason])).toEqual([
      [
        'clip_b_20250101T000001Z',
        'clip',
        `dry run: would copy it in as clip into importer's project "From the farm" (new)`,
      ],
      [
        'proj_a_20250101T000000Z',
        'compilation',
        `dry run: would copy it in as compilation into importer's project "From the farm" (new)`,
      ],
    ]);
    expect((await library()).total).toBe(0);
    const projects = async () =>
      (await api<ProjectListDto>(app.baseUrl, API_PATHS.projects.list, { token })).body.items;
    expect(await projects()).toEqual([]);

    const done = await report(...target, '--ingest-root', root);
    expect(done.counts).toMatchObject({ imported: 2, failed: 0 });
    const compilation = done.artifacts.find((x) => x.mediaType === 'compilation')!;
    expect(compilation).toMatchObject({ state: 'imported', sha256: a.manifest.sha256 });
    const items = (await library()).items;
    expect(items.map((m) => m.type).sort()).toEqual(['clip', 'compilation']);
    expect((await projects()).map((p) => p.name)).toEqual(['From the farm']);
    expect(existsSync(a.file)).toBe(true); // copy: the source stays
    // The thumbnail jobs it queued are made by the running app.
    await waitFor('the thumbnails', async () =>
      (await library()).items.every((m) => m.hasThumbnail) ? true : undefined,
    );

    const again = await report(...target, '--ingest-root', root);
    expect(again.counts).toMatchObject({ imported: 0, skipped: 2 });
    expect((await library()).total).toBe(2);

    const text = await run(...target, '--ingest-root', root, '--regen-thumbnails');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^0 imported, 2 skipped, 0 waiting, 0 failed\n/);
    expect(text.stdout).toContain(
      'skipped  w1/proj_a_20250101T000000Z/video.mp4: already imported',
    );
  }, 180_000);

  it('--action move removes the source once imported; --worker-id limits the scan', async () => {
    const moved = artifact(root, 'w2', 'proj_m_20250101T000000Z');
    artifact(root, 'w3', 'proj_other_20250101T000000Z');
    const result = await report(
      ...target,
      '--ingest-root',
      root,
      '--worker-id',
      'w2',
      '--action',
      'move',
    );
    expect(result.artifacts.map((x) => [x.workerId, x.state])).toEqual([['w2', 'imported']]);
    expect(existsSync(moved.file)).toBe(false);
    expect(readdirSync(moved.dir).sort()).toEqual(['.DONE', 'manifest.json']);
    const media = await api<MediaDto>(
      app.baseUrl,
      API_PATHS.media.item(result.artifacts[0]!.mediaId!),
      {
        token,
      },
    );
    expect(media.body).toMatchObject({ type: 'compilation', name: 'video.mp4' });
  }, 60_000);

  it('--action link makes a hard link, and says plainly when file systems differ', async () => {
    const linked = artifact(root, 'w4', 'proj_l_20250101T000000Z');
    const result = await report(
      ...target,
      '--ingest-root',
      root,
      '--worker-id',
      'w4',
      '--action',
      'link',
    );
    expect(result.counts.imported).toBe(1);
    expect(statSync(linked.file).nlink).toBe(2);

    // /dev/shm is a tmpfs, the instance folder is not: a hard link cannot cross.
    if (statSync('/dev/shm').dev === statSync(app.instanceDir).dev) return;
    const elsewhere = mkdtempSync('/dev/shm/clippyfront-ingest-');
    try {
      const far = artifact(elsewhere, 'w5', 'proj_x_20250101T000000Z');
      const refused = await run(
        '--json',
        ...target,
        '--ingest-root',
        elsewhere,
        '--action',
        'link',
      );
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe('1 artifact file(s) failed: see the report\n');
      const body = JSON.parse(refused.stdout) as IngestScanResultDto;
      expect(body.artifacts).toEqual([
        expect.objectContaining({
          state: 'failed',
          reason:
            `INGEST_IMPORT_ACTION=link needs ${far.file} and the instance folder on one file ` +
            'system (EXDEV: a hard link cannot cross file systems); use copy or move',
        }),
      ]);
      expect(existsSync(far.file)).toBe(true);
      // Nothing remembered: with copy it goes in on the next run.
      const copied = await report(...target, '--ingest-root', elsewhere);
      expect(copied.counts.imported).toBe(1);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 60_000);

  it('finishes an import a crash cut short: no half file left, imported once', async () => {
    const cut = artifact(root, 'w6', 'proj_c_20250101T000000Z');
    const info = statSync(cut.file);
    const claimedId = randomUUID();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // What a process killed half way through a copy leaves: its claim and a partial file.
      await client.query(
        `INSERT INTO ingest_imports (path, sha256, state, media_id, owner_id, size_bytes, mtime_ms)
         SELECT $1, $2, 'importing', $3, id, $4, $5 FROM users WHERE username = 'importer'`,
        [
          'w6/proj_c_20250101T000000Z/video.mp4',
          cut.manifest.sha256,
          claimedId,
          info.size,
          info.mtimeMs,
        ],
      );
    } finally {
      await client.end();
    }
    const uploads = join(app.instanceDir, 'tmp', 'uploads');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, `ingest-${randomUUID()}.part`), 'half a vid');
    const before = (await library()).total;

    const result = await report(...target, '--ingest-root', root, '--worker-id', 'w6');
    expect(result.artifacts).toEqual([
      expect.objectContaining({ state: 'imported', mediaId: claimedId }),
    ]);
    expect(readdirSync(uploads).filter((name) => name.startsWith('ingest-'))).toEqual([]);
    expect((await library()).total).toBe(before + 1);
    const again = await report(...target, '--ingest-root', root, '--worker-id', 'w6');
    expect(again.counts).toMatchObject({ imported: 0, skipped: 1 });
    expect((await library()).total).toBe(before + 1);
  }, 60_000);

  it('leaves the API alone: its importer is off, so Scan now answers 409 saying how', async () => {
    const status = await app.api<IngestStatusDto>(API_PATHS.admin.ingest);
    expect(status.status).toBe(200);
    expect(status.body.settings).toMatchObject({ enabled: false, root: null });
    // The CLI's runs are remembered in the same table.
    expect(status.body.importedTotal).toBeGreaterThanOrEqual(4);
    const scan = await app.api<{ message: string }>(API_PATHS.admin.ingestScan, { method: 'POST' });
    expect(scan.status).toBe(409);
    expect(scan.body.message).toMatch(
      /^The ingest importer is off: set INGEST_IMPORT_ENABLED=true/,
    );
  });

  it('fails with one line naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['--project', 'P', '--ingest-root', root], /^--username is required \(see --help\)\n$/],
      [
        [...target, '--ingest-root', join(scratch, 'nope')],
        /^--ingest-root .*nope is not a directory\n$/,
      ],
      [
        ['--username', 'ghost', '--project', 'P', '--ingest-root', root],
        /^--username: no user "ghost"\n$/,
      ],
      [
        [...target, '--ingest-root', root, '--action', 'teleport'],
        /^--action must be one of copy, move, link, not "teleport"\n$/,
      ],
      [
        [...target, '--ingest-root', root, '--pattern', 'a/*.mp4'],
        /^--pattern must be a file-name glob/,
      ],
      [
        [...target, '--ingest-root', root, '--worker-id', '..'],
        /^--worker-id must be a worker folder name/,
      ],
      [['--frobnicate'], /^Unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const result = await run(...args);
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({
        args,
        status: 64,
        stderr: expect.stringMatching(message),
      });
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const help = await run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: import-from-ingest --username U --project P/);
  }, 120_000);
});
