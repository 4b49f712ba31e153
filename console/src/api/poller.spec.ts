import { Poller } from './poller.js';

describe('Poller', () => {
  it('publishes each result, keeps the last good data while failing, and clears the error on success', async () => {
    const results: (number | Error)[] = [
      1,
      Object.assign(new Error('fetch failed'), {
        cause: { code: 'ECONNREFUSED', address: '127.0.0.1', port: 8000 },
      }),
      2,
    ];
    const poller = new Poller(async () => {
      const next = results.shift()!;
      if (next instanceof Error) throw next;
      return next;
    }, 1000);
    const seen: unknown[] = [];
    poller.subscribe((state) =>
      seen.push({ data: state.data, error: state.error, polls: state.polls }),
    );
    expect(poller.current()).toEqual({ data: null, error: null, at: null, polls: 0 });
    await poller.poll();
    await poller.poll();
    await poller.poll();
    expect(seen).toEqual([
      { data: 1, error: null, polls: 1 },
      { data: 1, error: 'ECONNREFUSED 127.0.0.1:8000', polls: 2 },
      { data: 2, error: null, polls: 3 },
    ]);
  });
});
