#!/usr/bin/env node
/**
 * artifact-sync: pushes finished artifact directories from ARTIFACTS_DIR to an ingest host with
 * rsync over SSH (strict host key checking, always). Node >= 20, no dependencies.
 *
 *   node artifact-sync.mjs           scan every SYNC_INTERVAL_SECONDS until SIGTERM/SIGINT
 *   node artifact-sync.mjs --once    one round, then exit (tests, cron)
 *   node artifact-sync.mjs --check   check the settings and that the ingest host answers
 *
 * Per directory <ARTIFACTS_DIR>/<name>/ (hidden names such as .tmp-* are never looked at):
 *   .DONE    written last by the worker → renamed to .READY (promotion)
 *   .READY   to push; kept after a failed push, so the next round retries
 *   .PUSHING lock (O_EXCL create); one broken when older than LOCK_STALE_SECONDS
 *   .PUSHED  JSON {pushedAt, target} after a successful push; sent to the ingest host too, in
 *            a second rsync once all data is there (its importer then need not wait)
 *   .FAILED  JSON {failedAt, error} after a failed push (for the worker's state reports);
 *            removed by the next successful push
 *   .WEBHOOK JSON state of the delivery webhook (attempts, deliveredAt / gaveUpAt)
 * Directories with none of these are never touched. README.md has the settings.
 *
 * Logs: one JSON line per event on stdout. Exit codes: 0 ok (or stopped by a signal);
 * 1 --once/--check: a push, a cleanup or the check failed; 2 bad settings; 3 unexpected error.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DONE = '.DONE';
const READY = '.READY';
const PUSHING = '.PUSHING';
const PUSHED = '.PUSHED';
const FAILED = '.FAILED';
const WEBHOOK = '.WEBHOOK';
const PARTIAL_DIR = '.rsync-partial';
const DELETING_PREFIX = '.deleting-';
/** Never sent: our sentinels (anchored at the artifact's top level) and rsync's partial dir. */
const RSYNC_EXCLUDES = [DONE, READY, `${PUSHING}*`, PUSHED, FAILED, WEBHOOK, PARTIAL_DIR].map(
  (name) => `--exclude=/${name}`,
);

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_CONFIG = 2;
const EXIT_CRASH = 3;

function log(level, event, fields = {}) {
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`,
  );
}

const errorText = (error) => (error instanceof Error ? error.message : String(error));

class ConfigError extends Error {}

// ---------------------------------------------------------------------------------- settings

function readEnvInt(env, names, fallback, min, max) {
  for (const name of names) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new ConfigError(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return Number(raw);
  }
  return fallback;
}

function requireFile(name, value) {
  if (!value) throw new ConfigError(`${name}: required`);
  let stat;
  try {
    stat = fs.statSync(value);
  } catch {
    throw new ConfigError(`${name}: ${value} does not exist or cannot be read`);
  }
  if (!stat.isFile()) {
    // Docker secrets sometimes show up as directories (WSL, Docker Desktop): say so.
    throw new ConfigError(`${name}: ${value} is not a regular file`);
  }
  return value;
}

/** ssh's -o values and rsync's -e string split on spaces: keep such paths out. */
const SAFE_PATH = /^[^\s'"\\]+$/;

/** `user@host:/path` → { host: 'user@host', path: '/path' } (also `[v6]` hosts). */
function parsePushTarget(value) {
  const match = /^((?:[^@\s:/]+@)?(?:\[[^\]\s]+\]|[^@\s:/[\]]+)):(\S+)$/.exec(value);
  if (!match) {
    throw new ConfigError(`PUSH_TARGET: expected user@host:/path, got "${value}"`);
  }
  const remotePath = match[2].replace(/\/+$/, '') || '/';
  return { host: match[1], path: remotePath };
}

/** Reads the settings; throws ConfigError naming the variable. Copies the key (see below). */
function loadConfig(env = process.env) {
  const artifactsDir = path.resolve(env.ARTIFACTS_DIR?.trim() || '/artifacts');
  if (!fs.existsSync(artifactsDir) || !fs.statSync(artifactsDir).isDirectory()) {
    throw new ConfigError(`ARTIFACTS_DIR: ${artifactsDir} is not a directory`);
  }

  // PUSH_TARGET, or the original's INGEST_USER/INGEST_HOST/INGEST_PATH (+ WORKER_ID).
  let pushTarget = env.PUSH_TARGET?.trim();
  if (!pushTarget && env.INGEST_HOST?.trim()) {
    const user = env.INGEST_USER?.trim();
    const base = env.INGEST_PATH?.trim();
    if (!user || !base) throw new ConfigError('PUSH_TARGET: required (or INGEST_USER/HOST/PATH)');
    const worker = env.WORKER_ID?.trim();
    pushTarget = `${user}@${env.INGEST_HOST.trim()}:${base.replace(/\/+$/, '')}${worker ? `/${worker}` : ''}`;
  }
  if (!pushTarget) throw new ConfigError('PUSH_TARGET: required, e.g. ingest@host:/srv/ingest/w1');
  const target = parsePushTarget(pushTarget);

  const sshKeyPath = requireFile('SSH_KEY_PATH', env.SSH_KEY_PATH?.trim());
  const knownHosts = path.resolve(requireFile('SSH_KNOWN_HOSTS', env.SSH_KNOWN_HOSTS?.trim()));
  if (!SAFE_PATH.test(knownHosts)) {
    throw new ConfigError('SSH_KNOWN_HOSTS: the path may not contain spaces, quotes or \\');
  }
  const hostLines = fs
    .readFileSync(knownHosts, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'));
  if (hostLines.length === 0) {
    throw new ConfigError(`SSH_KNOWN_HOSTS: ${knownHosts} has no host keys (ssh-keyscan it)`);
  }
  const sshPort = readEnvInt(env, ['SSH_PORT', 'INGEST_PORT'], 22, 1, 65535);

  const cleanupMode = (env.CLEANUP_MODE?.trim() || 'none').toLowerCase();
  if (!['none', 'delete', 'archive'].includes(cleanupMode)) {
    throw new ConfigError(`CLEANUP_MODE: expected none, delete or archive, got "${cleanupMode}"`);
  }
  const archiveDir = path.resolve(env.ARCHIVE_DIR?.trim() || path.join(artifactsDir, '_pushed'));
  if (archiveDir === artifactsDir) {
    throw new ConfigError('ARCHIVE_DIR: must not be ARTIFACTS_DIR itself');
  }

  const webhookUrl = env.DELIVERY_WEBHOOK_URL?.trim() || undefined;
  if (webhookUrl) {
    let url;
    try {
      url = new URL(webhookUrl);
    } catch {
      throw new ConfigError(`DELIVERY_WEBHOOK_URL: not a URL: "${webhookUrl}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError('DELIVERY_WEBHOOK_URL: must be http(s)');
    }
  }

  const bwlimit = env.RSYNC_BWLIMIT?.trim();
  if (bwlimit && !/^\d+[KMG]?$/i.test(bwlimit)) {
    throw new ConfigError(`RSYNC_BWLIMIT: expected KiB/s such as 5000 or 5M, got "${bwlimit}"`);
  }

  return {
    artifactsDir,
    target,
    pushTarget,
    sshKeyPath,
    knownHosts,
    sshPort,
    cleanupMode,
    archiveDir,
    webhookUrl,
    webhookToken: env.DELIVERY_WEBHOOK_TOKEN?.trim() || undefined,
    webhookMaxAttempts: readEnvInt(env, ['DELIVERY_WEBHOOK_MAX_ATTEMPTS'], 5, 1, 1000),
    retentionDays: readEnvInt(env, ['RETENTION_DAYS'], 30, 0, 36500),
    intervalSeconds: readEnvInt(env, ['SYNC_INTERVAL_SECONDS', 'PUSH_INTERVAL'], 60, 1, 86400),
    lockStaleSeconds: readEnvInt(env, ['LOCK_STALE_SECONDS'], 3600, 10, 7 * 86400),
    rsyncTimeoutSeconds: readEnvInt(env, ['RSYNC_TIMEOUT_SECONDS'], 300, 10, 86400),
    rsyncExtra: [
      ...(bwlimit ? [`--bwlimit=${bwlimit}`] : []),
      ...(env.RSYNC_EXTRA_FLAGS?.trim().split(/\s+/).filter(Boolean) ?? []),
    ],
  };
}

/**
 * ssh refuses a private key that others may read, and secrets are often mounted 0644 or owned
 * by another user: use a 0600 copy in a private temp dir, removed at exit.
 */
function privateKeyCopy(source) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'artifact-sync-'));
  const copy = path.join(dir, 'id');
  fs.writeFileSync(copy, fs.readFileSync(source), { mode: 0o600 });
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return copy;
}

/** The -e value for rsync: host keys strictly checked against SSH_KNOWN_HOSTS only. */
function sshCommand(config, keyFile) {
  const args = [
    'ssh',
    '-i',
    keyFile,
    '-p',
    String(config.sshPort),
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${config.knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'UpdateHostKeys=no',
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'ConnectTimeout=30',
    '-o',
    'ServerAliveInterval=30',
    '-o',
    'ServerAliveCountMax=4',
  ];
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg}'`)).join(' ');
}

// ------------------------------------------------------------------------------- small helpers

const exists = (file) => fs.existsSync(file);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Write-then-rename, so a sentinel is never seen half-written. */
function writeAtomic(file, text) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function listFiles(dir, prefix = '') {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (
      !prefix &&
      (entry.name.startsWith(PUSHING) || [DONE, READY, PUSHED, WEBHOOK].includes(entry.name))
    ) {
      continue;
    }
    if (entry.isDirectory()) files.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile())
      files.push({ path: rel, size: fs.statSync(path.join(dir, entry.name)).size });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Removes a directory so that no scanner sees it half-deleted: rename aside, then delete. */
function removeDir(dir) {
  const aside = path.join(
    path.dirname(dir),
    `${DELETING_PREFIX}${path.basename(dir)}-${process.pid}`,
  );
  fs.renameSync(dir, aside);
  fs.rmSync(aside, { recursive: true, force: true });
}

/** Spawns a command; resolves with its exit and the last 4 KB of stderr. */
function run(state, command, args) {
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    state.child = child;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4096);
    });
    child.on('error', (error) => {
      state.child = undefined;
      resolve({ code: -1, signal: null, stderr: `${command}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      state.child = undefined;
      resolve({ code, signal, stderr: stderr.trim() });
    });
  });
}

/** A hint for the errors operators meet first. */
function hintFor(stderr, code) {
  // rsync sometimes exits before relaying the receiver's message (seen with rsync 3.5.0).
  if (!stderr && code === 11) {
    return 'rsync reported a file I/O error on the ingest host without details: the PUSH_TARGET directory must exist there and be writable (or add --mkpath to RSYNC_EXTRA_FLAGS)';
  }
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr)) {
    return 'the ingest host key is not the one in SSH_KNOWN_HOSTS (strict host key checking); check its fingerprint, then refresh the file with ssh-keyscan';
  }
  if (/Permission denied \(/.test(stderr)) {
    return "the key in SSH_KEY_PATH is not accepted: add its .pub to the ingest user's authorized_keys";
  }
  if (/No such file or directory|change_dir/.test(stderr)) {
    return 'the PUSH_TARGET directory must exist on the ingest host (or add --mkpath to RSYNC_EXTRA_FLAGS)';
  }
  if (/rsync: command not found|rsync: not found|ENOENT/.test(stderr)) {
    return 'rsync must be installed here and on the ingest host';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------- lock

/**
 * Takes <dir>/.PUSHING with an exclusive create. A lock older than LOCK_STALE_SECONDS is broken
 * (renamed aside atomically, so two watchers cannot both break it). While held, its mtime is
 * refreshed, so a long push is never taken for stale. Returns undefined when someone holds it.
 */
function acquireLock(config, dir, name) {
  const lockPath = path.join(dir, PUSHING);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o644);
      fs.writeSync(
        fd,
        JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
      );
      fs.closeSync(fd);
      return newLock(config, lockPath);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let stat;
    try {
      stat = fs.statSync(lockPath);
    } catch (error) {
      if (error.code === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    const ageSeconds = Math.round((Date.now() - stat.mtimeMs) / 1000);
    const holder = readJson(lockPath);
    if (ageSeconds < config.lockStaleSeconds) {
      log('info', 'artifact.locked', { artifact: name, lockAgeSeconds: ageSeconds, holder });
      return undefined;
    }
    const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`;
    try {
      fs.renameSync(lockPath, aside);
    } catch (error) {
      if (error.code === 'ENOENT') continue; // another watcher broke it first
      throw error;
    }
    const moved = fs.statSync(aside);
    if (moved.ino !== stat.ino || moved.mtimeMs !== stat.mtimeMs) {
      // Someone broke the stale lock and took a fresh one in between: give it back.
      try {
        fs.linkSync(aside, lockPath);
      } catch {
        /* a newer lock is there already */
      }
      fs.rmSync(aside, { force: true });
      return undefined;
    }
    fs.rmSync(aside, { force: true });
    log('warn', 'lock.stale_broken', { artifact: name, lockAgeSeconds: ageSeconds, holder });
  }
  return undefined;
}

function newLock(config, lockPath) {
  const lock = { path: lockPath };
  const everyMs = Math.min(60, config.lockStaleSeconds / 4) * 1000;
  lock.timer = setInterval(() => {
    const now = new Date();
    try {
      fs.utimesSync(lock.path, now, now);
    } catch {
      /* moved or deleted with its directory */
    }
  }, everyMs);
  lock.timer.unref();
  lock.release = () => {
    clearInterval(lock.timer);
    fs.rmSync(lock.path, { force: true });
  };
  return lock;
}

// ------------------------------------------------------------------------------------- pushing

function remoteOf(config, name) {
  return `${config.target.host}:${config.target.path === '/' ? '' : config.target.path}/${name}/`;
}

/**
 * Sends `.PUSHED` alone into the artifact's directory on the ingest host (rsync writes it under
 * a temporary name and renames it, so it is never seen half-written).
 */
async function pushMarker(config, state, marker, target) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'artifact-sync-marker-'));
  try {
    const file = path.join(tmp, PUSHED);
    fs.writeFileSync(file, marker);
    return await run(state, config.rsyncBinary, [
      `--timeout=${config.rsyncTimeoutSeconds}`,
      ...config.rsyncExtra,
      '-e',
      config.sshCommand,
      file,
      target,
    ]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Logs a failed (or interrupted) push and leaves .FAILED, keeping .READY for the next round. */
function pushFailed(config, state, name, dir, target, result, stage) {
  const interrupted = state.stopping; // SIGTERM/SIGINT: rsync was stopped on purpose
  log(interrupted ? 'warn' : 'error', interrupted ? 'push.interrupted' : 'push.failed', {
    artifact: name,
    target,
    stage,
    exitCode: result.code,
    signal: result.signal ?? undefined,
    error: result.stderr || '(no output)',
    hint: hintFor(result.stderr, result.code),
    retry: 'next round (.READY kept)',
  });
  if (!interrupted) {
    const error = (result.stderr || `rsync exited with ${result.code}`).trim().slice(-2000);
    writeAtomic(
      path.join(dir, FAILED),
      `${JSON.stringify({ failedAt: new Date().toISOString(), error })}\n`,
    );
  }
  return false;
}

async function push(config, state, name, dir) {
  const target = remoteOf(config, name);
  const files = listFiles(dir);
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const started = Date.now();
  log('info', 'push.started', { artifact: name, target, files: files.length, bytes });
  const args = [
    '-a',
    '--partial',
    // Partial files wait in a hidden dir and every file is put in place at the end, so the
    // ingest importer never sees a truncated media file.
    `--partial-dir=${PARTIAL_DIR}`,
    '--delay-updates',
    `--timeout=${config.rsyncTimeoutSeconds}`,
    ...RSYNC_EXCLUDES,
    ...config.rsyncExtra,
    '-e',
    config.sshCommand,
    `${dir}/`,
    target,
  ];
  const result = await run(state, config.rsyncBinary, args);
  if (result.code !== 0) return pushFailed(config, state, name, dir, target, result, 'data');
  // Only after every data file is in place does the ingest host get its marker: the importer
  // takes a directory with .PUSHED as complete without waiting for it to stay unchanged.
  const pushedAt = new Date().toISOString();
  const marker = `${JSON.stringify({ pushedAt, target })}\n`;
  const sent = await pushMarker(config, state, marker, target);
  if (sent.code !== 0) return pushFailed(config, state, name, dir, target, sent, 'marker');
  // The notification owed for this push (only pushes made while a webhook is set get one).
  if (config.webhookUrl)
    writeAtomic(path.join(dir, WEBHOOK), `${JSON.stringify({ attempts: 0 })}\n`);
  else fs.rmSync(path.join(dir, WEBHOOK), { force: true });
  writeAtomic(path.join(dir, PUSHED), marker);
  fs.rmSync(path.join(dir, READY), { force: true });
  fs.rmSync(path.join(dir, FAILED), { force: true });
  log('info', 'push.succeeded', {
    artifact: name,
    target,
    files: files.length,
    bytes,
    durationMs: Date.now() - started,
  });
  return true;
}

/** POSTs {artifact, manifest, target, pushedAt, files}; true when done (delivered or gave up). */
async function deliverWebhook(config, name, dir) {
  const statePath = path.join(dir, WEBHOOK);
  const hook = readJson(statePath) ?? { attempts: 0 };
  if (hook.deliveredAt || hook.gaveUpAt) return true;
  const pushed = readJson(path.join(dir, PUSHED)) ?? {};
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = exists(manifestPath) ? (readJson(manifestPath) ?? null) : null;
  if (manifest === null) log('warn', 'manifest.unreadable', { artifact: name });
  const body = {
    artifact: name,
    manifest,
    target: pushed.target ?? remoteOf(config, name),
    pushedAt: pushed.pushedAt ?? fs.statSync(path.join(dir, PUSHED)).mtime.toISOString(),
    files: listFiles(dir),
  };
  hook.attempts += 1;
  hook.lastAttemptAt = new Date().toISOString();
  let error;
  try {
    const response = await fetch(config.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.webhookToken ? { authorization: `Bearer ${config.webhookToken}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) error = `HTTP ${response.status}`;
  } catch (caught) {
    error = errorText(caught.cause ?? caught);
  }
  if (!error) {
    hook.deliveredAt = new Date().toISOString();
    delete hook.lastError;
    writeAtomic(statePath, `${JSON.stringify(hook)}\n`);
    log('info', 'webhook.delivered', { artifact: name, attempts: hook.attempts });
    return true;
  }
  hook.lastError = error;
  if (hook.attempts >= config.webhookMaxAttempts) {
    hook.gaveUpAt = new Date().toISOString();
    writeAtomic(statePath, `${JSON.stringify(hook)}\n`);
    log('error', 'webhook.gave_up', { artifact: name, attempts: hook.attempts, error });
    return true;
  }
  writeAtomic(statePath, `${JSON.stringify(hook)}\n`);
  log('warn', 'webhook.failed', {
    artifact: name,
    attempt: hook.attempts,
    maxAttempts: config.webhookMaxAttempts,
    error,
    retry: 'next round; CLEANUP_MODE waits for it',
  });
  return false;
}

/** Applies CLEANUP_MODE to a pushed directory; returns where the lock now is. */
function cleanup(config, name, dir, lock) {
  if (config.cleanupMode === 'delete') {
    removeDir(dir);
    lock.path = path.join(dir, PUSHING); // gone with the directory
    log('info', 'cleanup.deleted', { artifact: name });
  } else if (config.cleanupMode === 'archive') {
    fs.mkdirSync(config.archiveDir, { recursive: true });
    let dest = path.join(config.archiveDir, name);
    if (exists(dest)) dest = `${dest}-${Date.now()}`;
    try {
      fs.renameSync(dir, dest);
    } catch (error) {
      if (error.code !== 'EXDEV') throw error;
      // ARCHIVE_DIR on another file system: copy under a hidden name, then swap.
      const tmp = path.join(config.archiveDir, `.tmp-archive-${name}-${process.pid}`);
      fs.cpSync(dir, tmp, { recursive: true, preserveTimestamps: true });
      fs.renameSync(tmp, dest);
      removeDir(dir);
    }
    lock.path = path.join(dest, PUSHING);
    log('info', 'cleanup.archived', { artifact: name, archivedTo: dest });
  }
}

async function processArtifact(config, state, name, dir, stats) {
  const has = (file) => exists(path.join(dir, file));
  if (has(DONE)) {
    try {
      fs.renameSync(path.join(dir, DONE), path.join(dir, READY));
      log('info', 'artifact.promoted', { artifact: name });
    } catch (error) {
      if (error.code !== 'ENOENT') throw error; // ENOENT: another watcher promoted it
    }
  }
  const webhookPending = () => {
    if (!config.webhookUrl || !has(WEBHOOK)) return false;
    const hook = readJson(path.join(dir, WEBHOOK));
    return !hook?.deliveredAt && !hook?.gaveUpAt;
  };
  const afterPushWork = () => has(PUSHED) && (config.cleanupMode !== 'none' || webhookPending());
  if (!has(READY) && !afterPushWork()) return; // not ready, or nothing left to do

  const lock = acquireLock(config, dir, name);
  if (!lock) {
    stats.locked++;
    return;
  }
  try {
    if (has(READY)) {
      if (!(await push(config, state, name, dir))) {
        stats.failed++;
        return;
      }
      stats.pushed++;
    }
    if (!has(PUSHED)) return;
    if (webhookPending() && !(await deliverWebhook(config, name, dir))) {
      if (config.cleanupMode !== 'none') {
        log('info', 'cleanup.deferred', { artifact: name, reason: 'webhook not delivered yet' });
      }
      return;
    }
    cleanup(config, name, dir, lock);
  } finally {
    lock.release();
  }
}

/** Removes pushed directories whose .PUSHED is older than RETENTION_DAYS. */
function prune(config, root, location, stats) {
  if (config.retentionDays === 0 || !exists(root)) return;
  const cutoff = Date.now() - config.retentionDays * 86_400_000;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = path.join(root, entry.name);
    if (dir === config.archiveDir) continue;
    const has = (file) => exists(path.join(dir, file));
    if (!has(PUSHED) || has(DONE) || has(READY)) continue; // never unpushed data
    const pushedAt = fs.statSync(path.join(dir, PUSHED)).mtimeMs;
    if (pushedAt >= cutoff) continue;
    try {
      const lock = acquireLock(config, dir, entry.name);
      if (!lock) continue;
      try {
        removeDir(dir);
      } finally {
        lock.release(); // the lock went with the directory, unless the removal failed
      }
      stats.pruned++;
      log('info', 'retention.pruned', {
        artifact: entry.name,
        location,
        pushedAt: new Date(pushedAt).toISOString(),
        ageDays: Math.floor((Date.now() - pushedAt) / 86_400_000),
      });
    } catch (error) {
      stats.errors++;
      log('error', 'retention.failed', { artifact: entry.name, location, error: errorText(error) });
    }
  }
}

/** Our own hidden leftovers of a delete or an archive copy interrupted by a crash. */
function removeLeftovers(root) {
  if (!exists(root)) return;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory() && /^\.(deleting|tmp-archive)-/.test(entry.name)) {
      fs.rmSync(path.join(root, entry.name), { recursive: true, force: true });
    }
  }
}

/** One scan of ARTIFACTS_DIR, then retention. */
async function runRound(config, state) {
  const stats = { pushed: 0, failed: 0, locked: 0, pruned: 0, errors: 0 };
  let entries;
  try {
    entries = fs.readdirSync(config.artifactsDir, { withFileTypes: true });
  } catch (error) {
    log('error', 'scan.failed', { dir: config.artifactsDir, error: errorText(error) });
    stats.errors++;
    return stats;
  }
  try {
    removeLeftovers(config.artifactsDir);
    removeLeftovers(config.archiveDir);
  } catch (error) {
    stats.errors++;
    log('error', 'leftovers.failed', { error: errorText(error) });
  }
  const names = entries
    // Dirent types come from lstat: symlinks are not directories here and are skipped.
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .filter((name) => path.join(config.artifactsDir, name) !== config.archiveDir)
    .sort();
  for (const name of names) {
    if (state.stopping) break;
    if ([...name].some((char) => char.charCodeAt(0) < 0x20 || char === '\x7f' || char === '\\')) {
      if (!state.warnedNames.has(name)) log('warn', 'artifact.bad_name', { artifact: name });
      state.warnedNames.add(name);
      continue;
    }
    try {
      await processArtifact(config, state, name, path.join(config.artifactsDir, name), stats);
    } catch (error) {
      stats.errors++;
      log('error', 'artifact.failed', { artifact: name, error: errorText(error) });
    }
  }
  if (!state.stopping) {
    prune(config, config.artifactsDir, 'artifacts', stats);
    prune(config, config.archiveDir, 'archive', stats);
  }
  return stats;
}

/** --check: settings, host key, key and target directory, with rsync --list-only. */
async function check(config, state) {
  const target = `${config.target.host}:${config.target.path === '/' ? '/' : `${config.target.path}/`}`;
  const result = await run(state, config.rsyncBinary, [
    '--list-only',
    `--timeout=${config.rsyncTimeoutSeconds}`,
    '-e',
    config.sshCommand,
    target,
  ]);
  if (result.code === 0) {
    log('info', 'check.ok', { target });
    return EXIT_OK;
  }
  log('error', 'check.failed', {
    target,
    exitCode: result.code,
    error: result.stderr || '(no output)',
    hint: hintFor(result.stderr, result.code),
  });
  return EXIT_FAILED;
}

// ----------------------------------------------------------------------------------------- main

async function main(argv) {
  const unknown = argv.filter((arg) => !['--once', '--check'].includes(arg));
  if (unknown.length > 0) {
    log('error', 'usage', { error: `unknown argument ${unknown[0]}`, usage: '[--once|--check]' });
    return EXIT_CONFIG;
  }
  let config;
  try {
    config = loadConfig();
    config.rsyncBinary = process.env.RSYNC_BINARY?.trim() || 'rsync';
    config.sshCommand = sshCommand(config, privateKeyCopy(config.sshKeyPath));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log('error', 'config.invalid', { error: error.message });
    return EXIT_CONFIG;
  }
  const state = { stopping: false, child: undefined, warnedNames: new Set(), wake: undefined };
  const stop = (signal) => {
    if (state.stopping) return;
    state.stopping = true;
    log('info', 'stopping', { signal });
    state.child?.kill('SIGTERM'); // a push cut short keeps .READY and is resumed next time
    state.wake?.();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  if (argv.includes('--check')) return check(config, state);

  const once = argv.includes('--once');
  log('info', 'started', {
    mode: once ? 'once' : 'loop',
    artifactsDir: config.artifactsDir,
    target: config.pushTarget,
    sshPort: config.sshPort,
    knownHosts: config.knownHosts,
    cleanupMode: config.cleanupMode,
    archiveDir: config.cleanupMode === 'archive' ? config.archiveDir : undefined,
    webhook: config.webhookUrl ? new URL(config.webhookUrl).origin : undefined,
    retentionDays: config.retentionDays,
    intervalSeconds: once ? undefined : config.intervalSeconds,
  });
  for (;;) {
    const stats = await runRound(config, state);
    const failed = stats.failed + stats.errors > 0;
    if (once || failed || stats.pushed + stats.pruned > 0) {
      log(failed ? 'warn' : 'info', 'round.finished', stats);
    }
    if (once) return failed && !state.stopping ? EXIT_FAILED : EXIT_OK;
    if (state.stopping) return EXIT_OK;
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, config.intervalSeconds * 1000);
      state.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    if (state.stopping) return EXIT_OK;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log('error', 'crashed', { error: errorText(error), stack: error?.stack });
    process.exitCode = EXIT_CRASH;
  },
);
