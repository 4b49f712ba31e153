import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { createElement } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { API_PATHS, WORKER_KEY_HEADER } from '@clippyfront/shared';
import { ApiClient } from '../src/api/api-client.js';
import { Poller } from '../src/api/poller.js';
import { LogTailer } from '../src/logs/log-tailer.js';
import { Dashboard } from '../src/ui/Dashboard.js';
import { createTestDatabase, type TestDatabase } from '../../backend/test/support/test-database.js';
import { api, startTestApp, waitFor, type TestApp } from '../../backend/test/support/test-app.js';
import { registerWorker } from '../../backend/test/support/fake-worker.js';

const WORKER_API_KEY = 'integration-test-worker-key-console';
/** The built CLI (`npm run build`), as `npm run console` runs it. */
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

/**
 * The console's root component, rendered in-process (ink-testing-library) against a real API
 * with a real admin token and the API's real logs folder: the same sources `npm run console`
 * builds, without a pseudo-terminal.
 */
describe('console dashboard against a real API', () => {
  let db: TestDatabase;
  let app: TestApp;
  let stopped = false;

  beforeAll(async () => {
    db = await createTestDatabase('console');
    app = await startTestApp({ DATABASE_URL: db.url, LOG_LEVEL: 'info', WORKER_API_KEY });
  });
  afterAll(async () => {
    cleanup();
    if (!stopped) await app?.close();
    await db?.drop();
  });

  it('the built CLI runs in a pseudo-terminal (util-linux script), shows the API and quits on q', async () => {
    const tokenFile = join(app.instanceDir, 'console-token');
    writeFileSync(tokenFile, `${app.adminToken}\n`, { mode: 0o600 });
    const command = [process.execPath, CLI, '--api', app.baseUrl, '--token-file', tokenFile];
    const child = spawn(
      'script',
      ['-qfec', command.map((part) => `'${part}'`).join(' '), '/dev/null'],
      {
        // Ink draws only the last frame when it thinks it runs in CI (CI=true, as in .ci/run).
        env: {
          ...process.env,
          TERM: 'xterm-256color',
          CI: 'false',
          CONTINUOUS_INTEGRATION: 'false',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await waitFor('the dashboard in the terminal', async () => {
        const screen = stripVTControlCharacters(output);
        if (screen.includes('Health ok') && screen.includes('(in-process)')) return true;
        throw new Error(`the terminal showed:\n${screen.slice(-2000)}`);
      });
      child.stdin.write('q');
      expect(await exited).toBe(0);
      expect(output).toContain('\u001B[?1049l'); // left the alternate screen
    } finally {
      child.kill();
    }
  });

  it('shows health and the workers online, tails the logs folder, and says when the API goes away', async () => {
    const gpuBox = await registerWorker(app.baseUrl, WORKER_API_KEY, 'gpu-box');
    const heartbeat = await api(app.baseUrl, API_PATHS.worker.heartbeat, {
      headers: { [WORKER_KEY_HEADER]: gpuBox.token },
      body: {
        workerId: gpuBox.workerId,
        name: 'gpu-box',
        queues: ['gpu'],
        concurrency: 1,
        version: '0.1.0',
        ffmpegVersion: '7.1',
        encoder: { encoder: 'h264_nvenc', reason: 'NVENC test encode succeeded' },
      },
    });
    expect(heartbeat.status).toBeLessThan(300);

    const logsDir = join(app.instanceDir, 'logs');
    const client = new ApiClient(app.baseUrl, app.adminToken);
    const view = render(
      createElement(Dashboard, {
        apiUrl: app.baseUrl,
        api: new Poller(() => client.snapshot(), 300),
        logs: new LogTailer({ dir: logsDir, pollMs: 200 }),
        rows: 40,
      }),
    );
    const frame = (what: string, check: (frame: string) => boolean) =>
      waitFor(what, async () => {
        const shown = view.lastFrame() ?? '';
        if (check(shown)) return shown;
        throw new Error(`the last frame was:\n${shown}`);
      });

    const status = await frame(
      'the workers online',
      (f) => f.includes('gpu-box') && f.includes('(in-process)'),
    );
    expect(status).toContain('Health ok · database up (postgres)');
    expect(status).toContain('Workers online: 2');
    expect(status).toMatch(/gpu-box +gpu +h264_nvenc +idle/);
    expect(status).toMatch(/Projects 0 +Jobs queued 0 · running 0/);
    // The API's own lines, from its log file (written since start).
    await frame('a line the API logged', (f) => /INFO {2}\[\w+\]/.test(f));

    const file = readdirSync(logsDir).find((name) => /^clippyfront\.\d+\.log$/.test(name))!;
    appendFileSync(
      join(logsDir, file),
      `${JSON.stringify({ level: 40, time: Date.now(), context: 'ConsoleTest', msg: 'written while the console runs' })}\n`,
    );
    await frame('the new log line', (f) =>
      /WARN {2}\[ConsoleTest\] written while the console runs/.test(f),
    );

    const port = new URL(app.baseUrl).port;
    // Cut the console's keep-alive connections, as a stopped API process would.
    await app.close({ keepInstance: true, dropConnections: true });
    stopped = true;
    // The poll under way when the connections were cut may say "other side closed" first.
    const down = await frame('the API reported unreachable', (f) =>
      f.includes(`API unreachable: ECONNREFUSED 127.0.0.1:${port} — retrying`),
    );
    expect(down).toContain('Workers online: 2'); // the last answer stays, marked stale
    expect(down).toContain('written while the console runs'); // the log pane keeps going
    view.unmount();
  });
});
