import { cleanup, render } from 'ink-testing-library';
import { Dashboard } from './Dashboard.js';
import { FakeLogs, FakePoll, frameWhere } from './testing/fakes.js';
import { busySnapshot, NOW } from './testing/snapshots.js';

const KEYS = { pageUp: '\u001B[5~', pageDown: '\u001B[6~', home: '\u001B[H', end: '\u001B[F' };
const line = (level: number, msg: string, context = 'Test') =>
  JSON.stringify({ level, time: new Date(2026, 0, 2, 10, 0, 1).getTime(), context, msg });

function setup(rows = 30) {
  const api = new FakePoll();
  const logs = new FakeLogs();
  const view = render(
    <Dashboard apiUrl="http://127.0.0.1:3000" api={api} logs={logs} rows={rows} now={() => NOW} />,
  );
  const frame = (check: (frame: string) => boolean) => frameWhere(view.lastFrame, check);
  return { api, logs, view, frame };
}

describe('Dashboard (rendered headlessly)', () => {
  afterEach(() => cleanup());

  it('shows the API status on top and readable log lines below', async () => {
    const { api, logs, view, frame } = setup();
    expect(api.started).toBe(1);
    expect(view.lastFrame()).toContain('Connecting to http://127.0.0.1:3000');
    api.publish({ data: busySnapshot(), error: null, at: NOW, polls: 1 });
    logs.push(
      line(30, 'Nest application successfully started', 'NestApplication'),
      line(50, 'Compile failed'),
    );
    const shown = await frame((f) => f.includes('Compile failed') && f.includes('gpu-box'));
    expect(shown).toContain('Health ok · database up (postgres)');
    expect(shown).toMatch(/gpu-box +gpu,celery +h264_nvenc +compile 3f2a1b2c 45%/);
    expect(shown).toMatch(/cpu-box +gpu,celery +libx264 +idle/);
    expect(shown).toContain('Running jobs: 1');
    expect(shown).toMatch(
      /10:00:01\.000 INFO {2}\[NestApplication\] Nest application successfully started/,
    );
    expect(shown).toMatch(/10:00:01\.000 ERROR \[Test\] Compile failed/);
    expect(shown).toContain('q quit · f min level');
    // The frame fills the terminal: 30 rows, no more.
    expect(shown.split('\n')).toHaveLength(30);
    view.unmount();
    expect(api.stopped).toBe(1);
  });

  it('says in each pane what is unreachable instead of failing', async () => {
    const api = new FakePoll({
      data: null,
      error: 'ECONNREFUSED 127.0.0.1:8000',
      at: null,
      polls: 1,
    });
    const remote = render(
      <Dashboard
        apiUrl="http://127.0.0.1:8000"
        api={api}
        logs={null}
        logsUnavailable="Logs are only available locally: run the console on the API's machine, or pass --logs DIR"
        rows={20}
      />,
    );
    expect(remote.lastFrame()).toContain('API unreachable: ECONNREFUSED 127.0.0.1:8000 — retrying');
    expect(remote.lastFrame()).toContain('Logs are only available locally');
    remote.unmount();

    const { logs, frame } = setup();
    logs.setStatus(
      '/srv/clippy/instance/logs does not exist (yet): waiting for the API to write logs',
    );
    await frame((f) => f.includes('does not exist (yet)'));
  });

  it('f, d/i/w/e and c change what the log pane shows', async () => {
    const { logs, view, frame } = setup();
    logs.push(
      line(20, 'a debug line'),
      line(30, 'an info line'),
      line(40, 'a warning line'),
      line(50, 'an error line'),
    );
    await frame((f) => f.includes('a debug line') && f.includes('an error line'));

    view.stdin.write('f'); // min info
    let shown = await frame((f) => f.includes('min info'));
    expect(shown).not.toContain('a debug line');
    expect(shown).toContain('an info line');

    view.stdin.write('w'); // warnings off
    shown = await frame((f) => f.includes('warning off'));
    expect(shown).not.toContain('a warning line');
    expect(shown).toContain('an error line');

    view.stdin.write('f');
    view.stdin.write('f'); // min error
    shown = await frame((f) => f.includes('min error'));
    expect(shown).not.toContain('an info line');
    expect(shown).toContain('1 of 4 lines');

    view.stdin.write('c');
    shown = await frame((f) => f.includes('0 of 0 lines'));
    expect(shown).not.toContain('an error line');
  });

  it('PgUp/PgDn/Home/End scroll the log pane; End follows the tail again', async () => {
    // 20 rows: the status pane 3, the log pane's frame and header 3, the help bar 1: 13 lines.
    const { logs, view, frame } = setup(20);
    logs.push(
      ...Array.from({ length: 40 }, (_, i) => line(30, `message ${String(i).padStart(2, '0')}`)),
    );
    let shown = await frame((f) => f.includes('message 39'));
    expect(shown).toContain('message 27');
    expect(shown).not.toContain('message 26');

    view.stdin.write(KEYS.pageUp);
    shown = await frame((f) => f.includes('13 newer below'));
    expect(shown).toContain('message 14');
    expect(shown).toContain('message 26');
    expect(shown).not.toContain('message 27');

    view.stdin.write(KEYS.home);
    shown = await frame((f) => f.includes('message 00'));
    expect(shown).toContain('27 newer below');

    view.stdin.write(KEYS.pageDown);
    await frame((f) => f.includes('message 13') && !f.includes('message 12'));

    logs.push(line(30, 'arrived while scrolled back'));
    shown = await frame((f) => f.includes('15 newer below'));
    expect(shown).toContain('message 13'); // what was read stays in place

    view.stdin.write(KEYS.end);
    shown = await frame((f) => f.includes('following'));
    expect(shown).toContain('arrived while scrolled back');
  });

  it('q quits: the app unmounts and stops polling', async () => {
    const { api, view } = setup();
    view.stdin.write('q');
    await frameWhere(
      () => String(api.stopped),
      (stopped) => stopped === '1',
    );
  });
});
