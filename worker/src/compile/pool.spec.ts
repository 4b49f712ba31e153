import { runPool } from './pool.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runPool', () => {
  it('runs at most `limit` tasks at once and keeps the results in order', async () => {
    let active = 0;
    let peak = 0;
    const tasks = [30, 10, 20, 5, 15].map((ms, i) => async () => {
      peak = Math.max(peak, ++active);
      await pause(ms);
      active--;
      return i;
    });
    expect(await runPool(tasks, 2, new AbortController())).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('on a failure aborts, starts nothing more, waits for the tasks under way, throws that error', async () => {
    const abort = new AbortController();
    const events: string[] = [];
    const tasks = [
      async () => {
        await pause(5);
        throw new Error('boom');
      },
      async () => {
        await new Promise((resolve) => abort.signal.addEventListener('abort', resolve));
        await pause(10);
        events.push('second stopped');
        throw new Error('Cancelled');
      },
      async () => {
        events.push('third started');
      },
    ];
    await expect(runPool(tasks, 2, abort)).rejects.toThrow('boom');
    expect(events).toEqual(['second stopped']);
    expect(abort.signal.aborted).toBe(true);
  });

  it('refuses to go on once cancelled from outside', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(runPool([async () => 1], 1, abort)).rejects.toThrow('Cancelled');
  });
});
