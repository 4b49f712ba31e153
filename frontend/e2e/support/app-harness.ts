import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningApp {
  baseUrl: string;
  /** What `npm start` printed so far (for failure messages). */
  output(): string;
  /** Stops the app and removes its instance directory. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(baseUrl: string, app: ChildProcess, output: () => string) {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm start exited early:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`App did not become healthy:\n${output()}`);
}

/** Waits until no process of the group is left; kills what remains after 20 s. */
async function groupGone(groupId: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-groupId, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 20_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(-groupId, 'SIGKILL');
}

/**
 * Starts the app as the README says (`npm start`: build, then serve) on a free port, embedded
 * database and in-process jobs, in a fresh instance directory, with the given admin password
 * and any extra environment variables (e.g. `ALLOW_EXTERNAL_URLS`, or `REDIS_URL` for jobs on
 * separate workers).
 */
export async function startApp(
  adminPassword: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningApp> {
  const instanceDir = mkdtempSync(join(tmpdir(), 'clippyfront-e2e-'));
  // As root the embedded PostgreSQL runs as the `postgres` account, which must enter it.
  chmodSync(instanceDir, 0o755);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  Object.assign(env, {
    PORT: String(port),
    CLIPPY_INSTANCE_PATH: instanceDir,
    ADMIN_PASSWORD: adminPassword,
    ...extraEnv,
  });
  let output = '';
  const app = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: 'pipe' });
  app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (app.pid && app.exitCode === null) {
      const exited = new Promise((r) => app.once('exit', r));
      process.kill(-app.pid, 'SIGTERM');
      await exited;
    }
    // npm exits before the server it started has shut down (which still writes its database).
    if (app.pid) await groupGone(app.pid);
    rmSync(instanceDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, app, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => output, stop };
}
