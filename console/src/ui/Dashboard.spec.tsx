import { render } from 'ink-testing-library';
import { Dashboard } from './Dashboard.js';
import { FakeLogs, FakePoll, frameWhere } from './testing/fakes.js';

describe('Dashboard (rendered headlessly)', () => {
  it('smoke', async () => {
    const api = new FakePoll();
    const logs = new FakeLogs();
    const { lastFrame, unmount } = render(<Dashboard apiUrl="http://127.0.0.1:3000" api={api} logs={logs} rows={30} />);
    logs.push(JSON.stringify({ level: 30, time: Date.now(), context: 'Boot', msg: 'hello' }));
    const frame = await frameWhere(lastFrame, (f) => f.includes('hello'));
    console.log(frame);
    unmount();
  });
});
