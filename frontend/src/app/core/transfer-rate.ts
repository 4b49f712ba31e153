/** Samples closer together than this say more about timer jitter than about the link. */
const MIN_SAMPLE_MS = 250;

/**
 * Transfer speed, smoothed with an exponential moving average so the shown speed and time
 * left do not jump with every progress event, and the time left at that speed.
 */
export class TransferRate {
  private last: { bytes: number; at: number } | null = null;
  private rate: number | null = null;

  /** `smoothing`: weight of the newest sample, 0–1. */
  constructor(private readonly smoothing = 0.3) {}

  /** Bytes per second, or null until two samples far enough apart were seen. */
  get bytesPerSecond(): number | null {
    return this.rate;
  }

  /** `bytes` transferred so far at time `at` (ms). */
  sample(bytes: number, at: number): void {
    if (!this.last || bytes < this.last.bytes) {
      this.last = { bytes, at };
      return;
    }
    const elapsedMs = at - this.last.at;
    if (elapsedMs < MIN_SAMPLE_MS) return;
    const instant = ((bytes - this.last.bytes) * 1000) / elapsedMs;
    this.rate =
      this.rate === null ? instant : this.smoothing * instant + (1 - this.smoothing) * this.rate;
    this.last = { bytes, at };
  }

  /** Seconds to move `remainingBytes` at the current speed; null while the speed is unknown. */
  secondsLeft(remainingBytes: number): number | null {
    if (remainingBytes <= 0) return 0;
    if (!this.rate) return null;
    return remainingBytes / this.rate;
  }

  reset(): void {
    this.last = null;
    this.rate = null;
  }
}
