import { jest } from '@jest/globals';
import { ClaimLostError } from './claim-lost.js';
import { JobReportBuffer, type JobUpdate } from './job-report-buffer.js';

type Send = (update: JobUpdate) => Promise<{ cancelled: boolean }>;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run (real timers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('JobReportBuffer', () => {
  describe('progress and drain', () => {
    const buffer = () =>
      new JobReportBuffer(
        async () => ({ cancelled: false }),
        () => undefined,
      );

    it.each([
      [-5, 0],
      [0, 0],
      [42.4, 42],
      [42.5, 43],
      [99.6, 100],
      [150, 100],
    ])('setProgress(%p) is sent as %p', (input, expected) => {
      const b = buffer();
      b.setProgress(input);
      expect(b.drain().progress).toBe(expected);
    });

    it('keeps only the latest progress', () => {
      const b = buffer();
      b.setProgress(10);
      b.setProgress(30);
      expect(b.drain().progress).toBe(30);
    });

    it('drain() returns what is pending and clears it', () => {
      const b = buffer();
      b.setProgress(12);
      b.log('one');
      b.log('two');
      const first = b.drain();
      expect(first).toEqual({ progress: 12, log: ['one', 'two'] });

      b.log('three');
      expect(first.log).toEqual(['one', 'two']); // the drained array is not reused
      expect(b.drain()).toEqual({ progress: undefined, log: ['three'] });
      expect(b.drain()).toEqual({ progress: undefined, log: [] });
    });
  });

  describe('on a timer', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    it('sends the lines of one interval in one call', async () => {
      const send = jest.fn<Send>(async () => ({ cancelled: false }));
      const b = new JobReportBuffer(send, () => undefined, undefined, 1000);
      b.start();
      b.log('a');
      b.setProgress(10);
      b.log('b');

      await jest.advanceTimersByTimeAsync(999);
      expect(send).not.toHaveBeenCalled();

      await jest.advanceTimersByTimeAsync(1);
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenLastCalledWith({ progress: 10, log: ['a', 'b'] });

      b.log('c');
      b.log('d');
      await jest.advanceTimersByTimeAsync(1000);
      expect(send).toHaveBeenCalledTimes(2);
      expect(send).toHaveBeenLastCalledWith({ progress: undefined, log: ['c', 'd'] });

      await b.stop();
    });

    it('sends at least once per interval, even with nothing new (keep-alive)', async () => {
      const send = jest.fn<Send>(async () => ({ cancelled: false }));
      const b = new JobReportBuffer(send, () => undefined, undefined, 500);
      b.start();
      await jest.advanceTimersByTimeAsync(1500);
      expect(send).toHaveBeenCalledTimes(3);
      expect(send).toHaveBeenLastCalledWith({ progress: undefined, log: [] });
      await b.stop();
    });

    it('defaults to one send per second', async () => {
      const send = jest.fn<Send>(async () => ({ cancelled: false }));
      const b = new JobReportBuffer(send, () => undefined);
      b.start();
      await jest.advanceTimersByTimeAsync(999);
      expect(send).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(send).toHaveBeenCalledTimes(1);
      await b.stop();
    });

    it('does not keep the process alive (the timer is unref-ed)', async () => {
      const spy = jest.spyOn(globalThis, 'setInterval');
      const b = new JobReportBuffer(
        async () => ({ cancelled: false }),
        () => undefined,
      );
      b.start();
      const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      spy.mockRestore();
      await b.stop();
    });

    it('stops sending after stop()', async () => {
      const send = jest.fn<Send>(async () => ({ cancelled: false }));
      const b = new JobReportBuffer(send, () => undefined, undefined, 100);
      b.start();
      await jest.advanceTimersByTimeAsync(100);
      expect(send).toHaveBeenCalledTimes(1);
      await b.stop();
      b.log('late');
      await jest.advanceTimersByTimeAsync(1000);
      expect(send).toHaveBeenCalledTimes(1);
      expect(b.drain().log).toEqual(['late']);
    });

    it('calls onCancelled when the server answers cancelled: true', async () => {
      const answers = [false, false, true];
      const send = jest.fn<Send>(async () => ({ cancelled: answers.shift() ?? false }));
      const onCancelled = jest.fn();
      const b = new JobReportBuffer(send, onCancelled, undefined, 100);
      b.start();
      await jest.advanceTimersByTimeAsync(200);
      expect(onCancelled).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(100);
      expect(onCancelled).toHaveBeenCalledTimes(1);
      await b.stop();
    });
  });

  describe('flush', () => {
    it('keeps the lines and progress of a failed send for the next one and calls onError', async () => {
      const error = new Error('server restarting');
      const send = jest
        .fn<Send>()
        .mockRejectedValueOnce(error)
        .mockResolvedValue({ cancelled: false });
      const onError = jest.fn<(error: Error) => void>();
      const onCancelled = jest.fn();
      const b = new JobReportBuffer(send, onCancelled, onError);

      b.setProgress(20);
      b.log('one');
      b.log('two');
      await b.flush();
      expect(send).toHaveBeenCalledTimes(1);
      expect(onError).toHaveBeenCalledWith(error);

      b.log('three');
      await b.flush();
      expect(send).toHaveBeenCalledTimes(2);
      expect(send).toHaveBeenLastCalledWith({ progress: 20, log: ['one', 'two', 'three'] });
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onCancelled).not.toHaveBeenCalled();

      // Delivered: nothing is left to resend.
      await b.flush();
      expect(send).toHaveBeenLastCalledWith({ progress: undefined, log: [] });
    });

    it('prefers progress set after a failed send over the failed one', async () => {
      const send = jest
        .fn<Send>()
        .mockRejectedValueOnce(new Error('down'))
        .mockResolvedValue({ cancelled: false });
      const b = new JobReportBuffer(send, () => undefined);
      b.setProgress(20);
      const failing = b.flush();
      b.setProgress(60); // set while the failing send is in flight
      await failing;
      expect(b.drain().progress).toBe(60);
    });

    it('drain() after a failed send returns the kept lines (for the final report)', async () => {
      const send = jest.fn<Send>().mockRejectedValue(new Error('down'));
      const b = new JobReportBuffer(send, () => undefined);
      b.setProgress(70);
      b.log('kept');
      await b.flush();
      b.log('later');
      expect(b.drain()).toEqual({ progress: 70, log: ['kept', 'later'] });
    });

    it('does not call onCancelled for cancelled: false', async () => {
      const onCancelled = jest.fn();
      const b = new JobReportBuffer(async () => ({ cancelled: false }), onCancelled);
      await b.flush();
      expect(onCancelled).not.toHaveBeenCalled();
    });

    it('calls onCancelled for cancelled: true', async () => {
      const onCancelled = jest.fn();
      const b = new JobReportBuffer(async () => ({ cancelled: true }), onCancelled);
      await b.flush();
      expect(onCancelled).toHaveBeenCalledTimes(1);
    });

    it('never runs two sends at once', async () => {
      const first = deferred<{ cancelled: boolean }>();
      const send = jest
        .fn<Send>()
        .mockReturnValueOnce(first.promise)
        .mockResolvedValue({ cancelled: false });
      const b = new JobReportBuffer(send, () => undefined);
      b.log('a');
      const one = b.flush();
      await settle(); // the first send has started (it drains when it starts)
      b.log('b');
      const two = b.flush();
      await settle();
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenLastCalledWith({ progress: undefined, log: ['a'] });

      first.resolve({ cancelled: false });
      await Promise.all([one, two]);
      expect(send).toHaveBeenCalledTimes(2);
      expect(send).toHaveBeenLastCalledWith({ progress: undefined, log: ['b'] });
    });
  });

  describe('stop', () => {
    it('waits for the send in flight', async () => {
      const inFlight = deferred<{ cancelled: boolean }>();
      const send = jest.fn<Send>().mockReturnValueOnce(inFlight.promise);
      const b = new JobReportBuffer(send, () => undefined, undefined, 10_000);
      b.start();
      b.log('x');
      void b.flush();

      let stopped = false;
      const stopping = b.stop().then(() => {
        stopped = true;
      });
      await settle();
      await settle();
      expect(send).toHaveBeenCalledTimes(1);
      expect(stopped).toBe(false);

      inFlight.resolve({ cancelled: false });
      await stopping;
      expect(stopped).toBe(true);
    });

    it('resolves (does not throw) when the in-flight send fails', async () => {
      const inFlight = deferred<{ cancelled: boolean }>();
      const onError = jest.fn<(error: Error) => void>();
      const b = new JobReportBuffer(
        () => inFlight.promise,
        () => undefined,
        onError,
      );
      b.log('x');
      void b.flush();
      const stopping = b.stop();
      inFlight.reject(new Error('gone'));
      await expect(stopping).resolves.toBeUndefined();
      expect(onError).toHaveBeenCalledTimes(1);
      expect(b.drain().log).toEqual(['x']);
    });

    it('resolves at once when nothing was ever sent', async () => {
      const b = new JobReportBuffer(
        async () => ({ cancelled: false }),
        () => undefined,
      );
      await expect(b.stop()).resolves.toBeUndefined();
    });
  });

  describe('an API away, a lost claim', () => {
    it('says once that reports fail, and once that they get through again', async () => {
      const results: (Error | null)[] = [
        new Error('fetch failed'),
        new Error('fetch failed'),
        null,
      ];
      const send = jest.fn<Send>(async () => {
        const next = results.shift();
        if (next) throw next;
        return { cancelled: false };
      });
      const onError = jest.fn<(error: Error) => void>();
      const onRecovered = jest.fn<() => void>();
      const b = new JobReportBuffer(send, () => undefined, onError, 1000, onRecovered);
      b.log('kept');
      await b.flush();
      await b.flush();
      await b.flush();
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onRecovered).toHaveBeenCalledTimes(1);
      expect(send.mock.calls.at(-1)?.[0].log).toEqual(['kept']);
    });

    it('stops reporting at the first lost claim and says why', async () => {
      const lost = new ClaimLostError('no longer current');
      const send = jest.fn<Send>(async () => {
        throw lost;
      });
      const onCancelled = jest.fn<(claimLost?: ClaimLostError) => void>();
      const onError = jest.fn<(error: Error) => void>();
      const b = new JobReportBuffer(send, onCancelled, onError);
      await b.flush();
      await b.flush();
      expect(send).toHaveBeenCalledTimes(1);
      expect(onCancelled).toHaveBeenCalledWith(lost);
      expect(onError).not.toHaveBeenCalled();
      await b.stop();
    });
  });
});
