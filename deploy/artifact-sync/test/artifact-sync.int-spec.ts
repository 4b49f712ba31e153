/**
 * The artifact-sync sidecar against a real sshd on 127.0.0.1 (temp host key, temp client key,
 * temp config) and the real rsync/ssh: promotion, locking, strict host keys, cleanup modes, the
 * delivery webhook, retention and the loop mode.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  startLocalSshd,
  type LocalSshd,
} from '../../../backend/test/support/local-sshd.js';

const SCRIPT = fileURLToPath(new URL('../artifact-sync.mjs', import.meta.url));
const DAY_MS = 86_400_000;

interface LogEvent {
  event: string;
  level: string;
  artifact?: string;
  error?: string;
  hint?: string;
  [key: string]: unknown;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  events: LogEvent[];
}

/** A directory as the worker exports it; `.DONE` last. */
function writeArtifact(root: string, name: string, options: { done?: boolean } = {}) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const media = randomBytes(3 * 1024 * 1024 + 17);
  const thumbnail = randomBytes(4096);
  const manifest = { kind: 'clip', clipId: 42, name, worker: 'w1', files: ['media.mp4'] };
  writeFileSync(join(dir, 'media.mp4'), media);
  writeFileSync(join(dir, 'thumbnail.jpg'), thumbnail);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  if (options.done !== false) writeFileSync(join(dir, '.DONE'), '');
  return { dir, media, thumbnail, manifest };
}

const ls = (dir: string) => readdirSync(dir).sort();

describe('artifact-sync sidecar (real sshd + rsync)', () => {
  const root = mkdtempSync(join(tmpdir(), 'clippy-artifact-sync-'));
  const ingest = join(root, 'ingest');
  const user = userInfo().username;
  let sshd: LocalSshd;
  let port = 0;
  let clientKey = '';
  let knownHosts = '';
  let wrongKnownHosts = '';
  let caseNo = 0;

  beforeAll(async () => {
    mkdirSync(ingest);
    sshd = await startLocalSshd(join(root, 'sshd'), { verbose: true });
    ({ port, clientKey, knownHosts, wrongKnownHosts } = sshd);
  });

  afterAll(async () => {
    await sshd?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** A fresh ARTIFACTS_DIR and remote target dir per test. */
  function newCase() {
    caseNo += 1;
    const artifacts = join(root, `artifacts-${caseNo}`);
    const remote = join(ingest, `worker-${caseNo}`);
    mkdirSync(artifacts);
    mkdirSync(remote);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: root,
      ARTIFACTS_DIR: artifacts,
      PUSH_TARGET: `${user}@127.0.0.1:${remote}`,
      SSH_PORT: String(port),
      SSH_KEY_PATH: clientKey,
      SSH_KNOWN_HOSTS: knownHosts,
      CLEANUP_MODE: 'none',
      RETENTION_DAYS: '0',
    };
    return { artifacts, remote, env };
  }

  function start(env: Record<string, string>, args: string[] = ['--once']) {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const done = new Promise<RunResult>((resolve) => {
      child.on('close', (code) =>
        resolve({ code, stdout, stderr, events: parseEvents(stdout, stderr, sshd.log()) }),
      );
    });
    return { child, done, output: () => stdout };
  }

  /** Asserts the exit code, showing the sidecar's and sshd's output when it differs. */
  function expectExit(result: RunResult, code: number) {
    if (result.code !== code) {
      throw new Error(
        `exit ${result.code}, expected ${code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}` +
          `\nsshd:\n${sshd.log().slice(-3000)}`,
      );
    }
  }

  // Async spawn, not spawnSync: the webhook server runs in this process.
  const run = (env: Record<string, string>, args?: string[]) => start(env, args).done;

  it('pushes a .DONE directory (bytes equal, .PUSHED the only sentinel), leaves the others alone', async () => {
    const { artifacts, remote, env } = newCase();
    const ready = writeArtifact(artifacts, 'clip_1_hello_20250101T000000Z');
    writeArtifact(artifacts, 'clip_2_half_20250101T000001Z', { done: false });
    writeArtifact(artifacts, '.tmp-x'); // even with a .DONE inside: hidden temp dirs are ignored
    const outside = writeArtifact(root, `outside-${caseNo}`);
    symlinkSync(outside.dir, join(artifacts, 'clip_3_link_20250101T000002Z'));
    writeFileSync(join(artifacts, 'stray-file.txt'), 'not a directory');

    const result = await run(env);
    expectExit(result, 0);
    expect(result.stderr).toBe('');

    const pushed = join(remote, 'clip_1_hello_20250101T000000Z');
    expect(ls(remote)).toEqual(['clip_1_hello_20250101T000000Z']);
    expect(ls(pushed)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    expect(readFileSync(join(pushed, 'media.mp4')).equals(ready.media)).toBe(true);
    expect(readFileSync(join(pushed, 'thumbnail.jpg')).equals(ready.thumbnail)).toBe(true);
    expect(JSON.parse(readFileSync(join(pushed, 'manifest.json'), 'utf8'))).toEqual(ready.manifest);

    expect(ls(ready.dir)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    const marker = JSON.parse(readFileSync(join(ready.dir, '.PUSHED'), 'utf8'));
    expect(Date.parse(marker.pushedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(marker.target).toBe(`${user}@127.0.0.1:${pushed}/`);
    // The ingest host got the same marker (its importer need not wait for the stable time).
    expect(readFileSync(join(pushed, '.PUSHED'), 'utf8')).toBe(
      readFileSync(join(ready.dir, '.PUSHED'), 'utf8'),
    );

    expect(ls(join(artifacts, 'clip_2_half_20250101T000001Z'))).toEqual([
      'manifest.json',
      'media.mp4',
      'thumbnail.jpg',
    ]);
    expect(ls(join(artifacts, '.tmp-x'))).toContain('.DONE');
    expect(ls(outside.dir)).toContain('.DONE'); // not followed through the symlink
    expect(result.events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['started', 'artifact.promoted', 'push.started', 'push.succeeded']),
    );
    expect(result.events.filter((e) => e.event === 'push.started')).toHaveLength(1);

    // The next round has nothing to do.
    const again = await run(env);
    expectExit(again, 0);
    expect(again.events.some((e) => e.event.startsWith('push.'))).toBe(false);
  });

  it('refuses an unknown host key, keeps .READY, marks .FAILED, and pushes once the key is right', async () => {
    const { artifacts, remote, env } = newCase();
    const { dir } = writeArtifact(artifacts, 'clip_5_hostkey_20250101T000000Z');

    const refused = await run({ ...env, SSH_KNOWN_HOSTS: wrongKnownHosts });
    expectExit(refused, 1);
    const failed = refused.events.find((e) => e.event === 'push.failed');
    expect(failed?.error).toMatch(/Host key verification failed/);
    expect(failed?.hint).toMatch(/SSH_KNOWN_HOSTS/);
    expect(ls(dir)).toEqual(['.FAILED', '.READY', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    // What the worker reports as the artifact's state: when and why the push failed.
    const marker = JSON.parse(readFileSync(join(dir, '.FAILED'), 'utf8')) as {
      failedAt: string;
      error: string;
    };
    expect(marker.error).toMatch(/Host key verification failed/);
    expect(Date.parse(marker.failedAt)).not.toBeNaN();
    expect(ls(remote)).toEqual([]);

    const retried = await run(env);
    expectExit(retried, 0);
    expect(ls(dir)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    expect(ls(join(remote, 'clip_5_hostkey_20250101T000000Z'))).toEqual([
      '.PUSHED',
      'manifest.json',
      'media.mp4',
      'thumbnail.jpg',
    ]);
  });

  it('reports a missing remote directory as a failed push, to be retried', async () => {
    const { artifacts, env } = newCase();
    const { dir } = writeArtifact(artifacts, 'clip_6_nodir_20250101T000000Z');
    const result = await run({ ...env, PUSH_TARGET: `${user}@127.0.0.1:${root}/missing/w1` });
    expectExit(result, 1);
    expect(result.events.find((e) => e.event === 'push.failed')?.hint).toMatch(/must exist/);
    expect(ls(dir)).toContain('.READY');
    expect(ls(dir)).not.toContain('.PUSHING');
  });

  it('CLEANUP_MODE=delete removes the directory, archive moves it to ARCHIVE_DIR', async () => {
    const deleting = newCase();
    const a = writeArtifact(deleting.artifacts, 'clip_7_delete_20250101T000000Z');
    const deleted = await run({ ...deleting.env, CLEANUP_MODE: 'delete' });
    expectExit(deleted, 0);
    expect(existsSync(a.dir)).toBe(false);
    expect(ls(deleting.artifacts)).toEqual([]);
    expect(ls(join(deleting.remote, 'clip_7_delete_20250101T000000Z'))).toHaveLength(4);
    expect(deleted.events.map((e) => e.event)).toContain('cleanup.deleted');

    const archiving = newCase();
    const archive = join(root, `archive-${caseNo}`);
    const b = writeArtifact(archiving.artifacts, 'clip_8_archive_20250101T000000Z');
    const archived = await run({ ...archiving.env, CLEANUP_MODE: 'archive', ARCHIVE_DIR: archive });
    expectExit(archived, 0);
    expect(existsSync(b.dir)).toBe(false);
    const moved = join(archive, 'clip_8_archive_20250101T000000Z');
    expect(ls(moved)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    expect(readFileSync(join(moved, 'media.mp4')).equals(b.media)).toBe(true);
    expect(ls(join(archiving.remote, 'clip_8_archive_20250101T000000Z'))).toHaveLength(4);

    // Default ARCHIVE_DIR: <ARTIFACTS_DIR>/_pushed, which later rounds leave alone.
    const c = writeArtifact(archiving.artifacts, 'clip_9_default_20250101T000000Z');
    const env = { ...archiving.env, CLEANUP_MODE: 'archive' };
    expectExit(await run(env), 0);
    expect(existsSync(c.dir)).toBe(false);
    expect(ls(join(archiving.artifacts, '_pushed'))).toEqual(['clip_9_default_20250101T000000Z']);
    const next = await run(env);
    expectExit(next, 0);
    expect(next.events.some((e) => e.event.startsWith('push.'))).toBe(false);
  });

  it('POSTs the delivery webhook with the manifest; cleanup waits until it is delivered', async () => {
    const received: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
    let status = 500;
    const server: Server = createServer((request, response) => {
      let raw = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (raw += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(raw) });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { artifacts, remote, env } = newCase();
      const { dir, manifest } = writeArtifact(artifacts, 'clip_10_hook_20250101T000000Z');
      // Pushed before the webhook was configured: not announced now.
      const earlier = writeArtifact(artifacts, 'clip_09_earlier_20250101T000000Z', { done: false });
      writeFileSync(join(earlier.dir, '.PUSHED'), '{}');
      const hookEnv = {
        ...env,
        CLEANUP_MODE: 'delete',
        DELIVERY_WEBHOOK_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        DELIVERY_WEBHOOK_TOKEN: 'hook-secret',
      };

      const first = await run(hookEnv);
      expectExit(first, 0); // a webhook failure is logged, not fatal
      expect(first.events.find((e) => e.event === 'webhook.failed')?.error).toBe('HTTP 500');
      expect(first.events.map((e) => e.event)).toContain('cleanup.deferred');
      expect(ls(dir)).toEqual(
        expect.arrayContaining(['.PUSHED', '.WEBHOOK', 'manifest.json', 'media.mp4']),
      );
      expect(existsSync(join(remote, 'clip_10_hook_20250101T000000Z', 'media.mp4'))).toBe(true);

      status = 204;
      const second = await run(hookEnv);
      expectExit(second, 0);
      expect(second.events.some((e) => e.event.startsWith('push.'))).toBe(false); // not re-pushed
      expect(second.events.map((e) => e.event)).toEqual(
        expect.arrayContaining(['webhook.delivered', 'cleanup.deleted']),
      );
      expect(existsSync(dir)).toBe(false);

      expect(received).toHaveLength(2);
      expect(received.every((r) => r.body.artifact === 'clip_10_hook_20250101T000000Z')).toBe(true);
      const [, delivered] = received;
      expect(delivered.headers.authorization).toBe('Bearer hook-secret');
      expect(delivered.headers['content-type']).toBe('application/json');
      expect(delivered.body).toMatchObject({
        artifact: 'clip_10_hook_20250101T000000Z',
        manifest,
        target: `${user}@127.0.0.1:${remote}/clip_10_hook_20250101T000000Z/`,
      });
      expect(delivered.body.pushedAt).toBe(received[0].body.pushedAt);
      expect(delivered.body.files).toEqual([
        { path: 'manifest.json', size: JSON.stringify(manifest).length },
        { path: 'media.mp4', size: 3 * 1024 * 1024 + 17 },
        { path: 'thumbnail.jpg', size: 4096 },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives up on the webhook after DELIVERY_WEBHOOK_MAX_ATTEMPTS and then cleans up', async () => {
    const { artifacts, env } = newCase();
    const { dir } = writeArtifact(artifacts, 'clip_11_nohook_20250101T000000Z');
    const hookEnv = {
      ...env,
      CLEANUP_MODE: 'delete',
      DELIVERY_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/closed`,
      DELIVERY_WEBHOOK_MAX_ATTEMPTS: '2',
    };
    const first = await run(hookEnv);
    expect(first.events.find((e) => e.event === 'webhook.failed')).toBeDefined();
    expect(existsSync(dir)).toBe(true);
    const second = await run(hookEnv);
    expect(second.events.find((e) => e.event === 'webhook.gave_up')).toMatchObject({
      attempts: 2,
    });
    expect(existsSync(dir)).toBe(false);
  });

  it('prunes pushed and archived directories older than RETENTION_DAYS, nothing else', async () => {
    const { artifacts, env } = newCase();
    const archive = join(artifacts, '_pushed');
    const old = Date.now() - 40 * DAY_MS;
    const age = (file: string, ms: number) => utimesSync(file, ms / 1000, ms / 1000);

    const oldPushed = writeArtifact(artifacts, 'clip_12_old_20240101T000000Z', { done: false });
    writeFileSync(join(oldPushed.dir, '.PUSHED'), '{}');
    age(join(oldPushed.dir, '.PUSHED'), old);
    const recentPushed = writeArtifact(artifacts, 'clip_13_recent_20250101T000000Z', {
      done: false,
    });
    writeFileSync(join(recentPushed.dir, '.PUSHED'), '{}');
    age(join(recentPushed.dir, '.PUSHED'), Date.now() - 29 * DAY_MS);
    const oldUnpushed = writeArtifact(artifacts, 'clip_14_unpushed_20240101T000000Z', {
      done: false,
    });
    age(oldUnpushed.dir, old);
    age(join(oldUnpushed.dir, 'media.mp4'), old);
    const oldArchived = writeArtifact(archive, 'clip_15_archived_20240101T000000Z', {
      done: false,
    });
    writeFileSync(join(oldArchived.dir, '.PUSHED'), '{}');
    age(join(oldArchived.dir, '.PUSHED'), old);

    const result = await run({ ...env, RETENTION_DAYS: '30' });
    expectExit(result, 0);
    expect(existsSync(oldPushed.dir)).toBe(false);
    expect(existsSync(oldArchived.dir)).toBe(false);
    expect(existsSync(recentPushed.dir)).toBe(true);
    expect(ls(oldUnpushed.dir)).toEqual(['manifest.json', 'media.mp4', 'thumbnail.jpg']);
    const pruned = result.events.filter((e) => e.event === 'retention.pruned');
    expect(pruned.map((e) => [e.artifact, e.location]).sort()).toEqual([
      ['clip_12_old_20240101T000000Z', 'artifacts'],
      ['clip_15_archived_20240101T000000Z', 'archive'],
    ]);
    expect(ls(artifacts).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('breaks a stale .PUSHING lock, respects a fresh one', async () => {
    const { artifacts, remote, env } = newCase();
    const stale = writeArtifact(artifacts, 'clip_16_stale_20250101T000000Z');
    writeFileSync(join(stale.dir, '.PUSHING'), JSON.stringify({ pid: 1, host: 'gone' }));
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(join(stale.dir, '.PUSHING'), twoHoursAgo, twoHoursAgo);
    const busy = writeArtifact(artifacts, 'clip_17_busy_20250101T000000Z');
    writeFileSync(join(busy.dir, '.PUSHING'), JSON.stringify({ pid: 2, host: 'other-sync' }));

    const result = await run(env);
    expectExit(result, 0); // a lock held by another watcher is not a failure
    expect(result.events.find((e) => e.event === 'lock.stale_broken')).toMatchObject({
      artifact: 'clip_16_stale_20250101T000000Z',
      holder: { pid: 1, host: 'gone' },
    });
    expect(ls(stale.dir)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    expect(result.events.find((e) => e.event === 'artifact.locked')).toMatchObject({
      artifact: 'clip_17_busy_20250101T000000Z',
      holder: { host: 'other-sync' },
    });
    expect(ls(busy.dir)).toEqual([
      '.PUSHING',
      '.READY',
      'manifest.json',
      'media.mp4',
      'thumbnail.jpg',
    ]);
    expect(ls(remote)).toEqual(['clip_16_stale_20250101T000000Z']);
  });

  it('loops every SYNC_INTERVAL_SECONDS and stops cleanly on SIGTERM', async () => {
    const { artifacts, remote, env } = newCase();
    const sync = start({ ...env, SYNC_INTERVAL_SECONDS: '1' }, []);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Written after the sidecar started: picked up by a later round.
    writeArtifact(artifacts, 'clip_18_loop_20250101T000000Z');
    const deadline = Date.now() + 20_000;
    while (!sync.output().includes('"push.succeeded"') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    sync.child.kill('SIGTERM');
    const result = await sync.done;
    expectExit(result, 0);
    expect(result.events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['started', 'push.succeeded', 'stopping']),
    );
    expect(ls(remote)).toEqual(['clip_18_loop_20250101T000000Z']);
  });

  it('SIGTERM during a push: nothing half-visible remotely, .READY kept, resumed later', async () => {
    const { artifacts, remote, env } = newCase();
    const { dir, media } = writeArtifact(artifacts, 'clip_19_slow_20250101T000000Z');
    const slow = start({ ...env, RSYNC_BWLIMIT: '200' }); // ~15 s for the 3 MiB file
    const deadline = Date.now() + 10_000;
    while (!slow.output().includes('"push.started"') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stoppedAt = Date.now();
    slow.child.kill('SIGTERM');
    const stopped = await slow.done;
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expectExit(stopped, 0);
    expect(stopped.events.find((e) => e.event === 'push.interrupted')).toBeDefined();
    expect(ls(dir)).toEqual(['.READY', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    const target = join(remote, 'clip_19_slow_20250101T000000Z');
    // Only rsync's hidden partial dir may be there (or nothing yet, on a slow machine where the
    // transfer had not begun): no truncated media file for the importer.
    const visible = existsSync(target) ? ls(target).filter((name) => !name.startsWith('.')) : [];
    expect(visible).toEqual([]);
    expect(existsSync(join(target, '.PUSHED'))).toBe(false);

    const resumed = await run(env);
    expectExit(resumed, 0);
    expect(ls(target)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    expect(readFileSync(join(target, 'media.mp4')).equals(media)).toBe(true);
  });

  it('puts .PUSHED on the ingest host only after all data is there', async () => {
    const { artifacts, remote, env } = newCase();
    const { media } = writeArtifact(artifacts, 'clip_30_order_20250101T000000Z');
    const target = join(remote, 'clip_30_order_20250101T000000Z');
    const sync = start({ ...env, RSYNC_BWLIMIT: '1500' }); // ~2 s for the 3 MiB file
    // Watch the ingest side while the push runs: whenever the marker is there, so is every file.
    const seen: string[][] = [];
    let whole = true;
    let running = true;
    void sync.done.then(() => (running = false));
    while (running) {
      const names = existsSync(target) ? ls(target) : [];
      seen.push(names);
      if (names.includes('.PUSHED')) {
        whole &&=
          ['manifest.json', 'media.mp4', 'thumbnail.jpg'].every((n) => names.includes(n)) &&
          statSync(join(target, 'media.mp4')).size === media.length;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expectExit(await sync.done, 0);
    expect(whole).toBe(true);
    // Seen without the marker first (the data was on its way), then with it.
    expect(seen.some((names) => !names.includes('.PUSHED'))).toBe(true);
    expect(ls(target)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    // Written after the data: its change time is not before any data file's.
    const markerAt = statSync(join(target, '.PUSHED')).ctimeMs;
    for (const name of ['manifest.json', 'media.mp4', 'thumbnail.jpg']) {
      expect(markerAt).toBeGreaterThanOrEqual(statSync(join(target, name)).ctimeMs);
    }
  });

  it('a marker that cannot be sent fails the push: retried, never pushed without it', async () => {
    const { artifacts, remote, env } = newCase();
    const { dir } = writeArtifact(artifacts, 'clip_31_marker_20250101T000000Z');
    // rsync that refuses to send a lone .PUSHED (the marker push), and sends data as usual.
    const wrapper = join(root, `rsync-no-marker-${caseNo}.sh`);
    writeFileSync(
      wrapper,
      '#!/bin/sh\nfor a in "$@"; do case "$a" in /*/.PUSHED) echo "marker refused" >&2; exit 12;; esac; done\nexec rsync "$@"\n',
      { mode: 0o755 },
    );
    const failed = await run({ ...env, RSYNC_BINARY: wrapper });
    expectExit(failed, 1);
    expect(failed.events.find((e) => e.event === 'push.failed')).toMatchObject({
      stage: 'marker',
      error: 'marker refused',
    });
    expect(ls(dir)).toEqual(['.FAILED', '.READY', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    const target = join(remote, 'clip_31_marker_20250101T000000Z');
    expect(ls(target)).toEqual(['manifest.json', 'media.mp4', 'thumbnail.jpg']);

    const retried = await run(env);
    expectExit(retried, 0);
    expect(ls(dir)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
    expect(ls(target)).toEqual(['.PUSHED', 'manifest.json', 'media.mp4', 'thumbnail.jpg']);
  });

  it('--check verifies host key, key and target; bad settings exit 2 naming the variable', async () => {
    const { env } = newCase();
    const ok = await run(env, ['--check']);
    expectExit(ok, 0);
    expect(ok.events.map((e) => e.event)).toContain('check.ok');

    // The original's INGEST_* variables build PUSH_TARGET as INGEST_PATH/WORKER_ID.
    mkdirSync(join(ingest, 'from-ingest-vars'));
    const legacy = { ...env, PUSH_TARGET: '', INGEST_USER: user, INGEST_HOST: '127.0.0.1' };
    const viaIngest = await run({ ...legacy, INGEST_PATH: ingest, WORKER_ID: 'from-ingest-vars' }, [
      '--check',
    ]);
    expectExit(viaIngest, 0);
    expect(viaIngest.events.find((e) => e.event === 'check.ok')?.target).toBe(
      `${user}@127.0.0.1:${ingest}/from-ingest-vars/`,
    );

    const refused = await run({ ...env, SSH_KNOWN_HOSTS: wrongKnownHosts }, ['--check']);
    expectExit(refused, 1);
    expect(refused.events.find((e) => e.event === 'check.failed')?.error).toMatch(
      /Host key verification failed/,
    );

    const bad = async (overrides: Record<string, string>, message: RegExp) => {
      const result = await run({ ...env, ...overrides });
      expectExit(result, 2);
      expect(result.events.find((e) => e.event === 'config.invalid')?.error).toMatch(message);
    };
    await bad({ SSH_KNOWN_HOSTS: '' }, /^SSH_KNOWN_HOSTS: required/);
    await bad({ SSH_KNOWN_HOSTS: join(root, 'nope') }, /^SSH_KNOWN_HOSTS: .* does not exist/);
    await bad({ SSH_KEY_PATH: root }, /^SSH_KEY_PATH: .* not a regular file/);
    await bad({ PUSH_TARGET: 'no-colon-here' }, /^PUSH_TARGET: expected user@host:\/path/);
    await bad({ CLEANUP_MODE: 'shred' }, /^CLEANUP_MODE: expected none, delete or archive/);
    await bad({ SSH_PORT: '70000' }, /^SSH_PORT: /);
    await bad({ DELIVERY_WEBHOOK_URL: 'ftp://x' }, /^DELIVERY_WEBHOOK_URL: must be http/);
    await bad({ ARTIFACTS_DIR: join(root, 'nope') }, /^ARTIFACTS_DIR: /);
  });
});

function parseEvents(stdout: string, stderr: string, sshdLog: string): LogEvent[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as LogEvent;
      } catch {
        throw new Error(`not a JSON log line: ${line}\nstderr: ${stderr}\nsshd: ${sshdLog}`);
      }
    });
}
