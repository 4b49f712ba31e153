import { WorkerSlots } from './worker-slots.js';

describe('WorkerSlots', () => {
  it('gives out at most `size` slots, and a released one again', () => {
    const slots = new WorkerSlots(2);
    expect([slots.tryTake(), slots.tryTake(), slots.tryTake()]).toEqual([true, true, false]);
    expect(slots.running).toBe(2);
    slots.release();
    expect(slots.tryTake()).toBe(true);
    expect(slots.tryTake()).toBe(false);
  });

  it('wakes whoever waits for a slot at the next release', async () => {
    const slots = new WorkerSlots(1);
    slots.tryTake();
    let woken = 0;
    const waits = [slots.freed(), slots.freed()].map((p) => p.then(() => woken++));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(0);
    slots.release();
    await Promise.all(waits);
    expect(woken).toBe(2);
    expect(slots.running).toBe(0);
  });
});
