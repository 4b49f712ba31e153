import type { TaskProgress } from './segment-tasks.js';

/**
 * Turns the fractions of many parallel encodes into one percentage between `from` and `to`,
 * each task counting for the seconds of output it makes. Reports whole-percent changes only.
 */
export class ProgressTracker {
  private readonly parts = new Map<string, { weight: number; done: number }>();
  private last = -1;

  constructor(
    private readonly report: (percent: number) => void,
    private readonly from: number,
    private readonly to: number,
  ) {}

  task(key: string, initialWeight: number): TaskProgress {
    const part = { weight: initialWeight, done: 0 };
    this.parts.set(key, part);
    return {
      weigh: (seconds) => {
        part.weight = seconds;
        this.emit();
      },
      update: (fraction) => {
        part.done = Math.max(part.done, Math.min(1, fraction));
        this.emit();
      },
    };
  }

  private emit() {
    let total = 0;
    let done = 0;
    for (const part of this.parts.values()) {
      total += part.weight;
      done += part.weight * part.done;
    }
    const percent = Math.floor(this.from + (this.to - this.from) * (total ? done / total : 0));
    if (percent > this.last) {
      this.last = percent;
      this.report(percent);
    }
  }
}
