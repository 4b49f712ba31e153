import { TransferRate } from './transfer-rate';

describe('TransferRate', () => {
  it('knows no speed until two samples far enough apart', () => {
    const rate = new TransferRate();
    rate.sample(0, 1_000);
    expect(rate.bytesPerSecond).toBeNull();
    rate.sample(10_000, 1_100); // 100 ms later: too close, ignored
    expect(rate.bytesPerSecond).toBeNull();
    rate.sample(1_000_000, 2_000);
    expect(rate.bytesPerSecond).toBe(1_000_000);
    expect(rate.secondsLeft(3_000_000)).toBe(3);
  });

  it('smooths the speed with a moving average', () => {
    const rate = new TransferRate(0.5);
    rate.sample(0, 0);
    rate.sample(1_000_000, 1_000); // 1 MB/s
    rate.sample(4_000_000, 2_000); // 3 MB/s now → (3 + 1) / 2
    expect(rate.bytesPerSecond).toBe(2_000_000);
  });

  it('says 0 s left when nothing remains and null while the speed is unknown', () => {
    const rate = new TransferRate();
    expect(rate.secondsLeft(0)).toBe(0);
    expect(rate.secondsLeft(100)).toBeNull();
  });

  it('starts over after a reset or when the count goes back (a restarted upload)', () => {
    const rate = new TransferRate();
    rate.sample(0, 0);
    rate.sample(1_000, 1_000);
    rate.sample(0, 2_000);
    rate.sample(4_000, 3_000);
    expect(rate.bytesPerSecond).toBeCloseTo(0.3 * 4_000 + 0.7 * 1_000);
    rate.reset();
    expect(rate.bytesPerSecond).toBeNull();
  });
});
