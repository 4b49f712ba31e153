import { ClaimLostError } from './claim-lost.js';

export interface JobUpdate {
  progress?: number;
  log: string[];
}

/**
 * Collects progress and log lines and sends them at most once per interval (and at least once
 * per interval, so the server sees the job is alive and can answer "cancelled"). A report that
 * cannot get through is sent again with the next one; a lost claim stops the reports and calls
 * `onCancelled` with the reason.
 */
export class JobReportBuffer {
  private progress: number | undefined;
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private failing = false;
  private stopped = false;

  constructor(
    private readonly send: (update: JobUpdate) => Promise<{ cancelled: boolean }>,
    private readonly onCancelled: (claimLost?: ClaimLostError) => void,
    /** Called when reports start failing, not again until one got through. */
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly intervalMs = 1000,
    private readonly onRecovered: () => void = () => undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  setProgress(percent: number): void {
    this.progress = Math.max(0, Math.min(100, Math.round(percent)));
  }

  log(line: string): void {
    this.lines.push(line);
  }

  /** Takes what is pending, e.g. to send it with the final complete/fail call. */
  drain(): JobUpdate {
    const update = { progress: this.progress, log: this.lines };
    this.progress = undefined;
    this.lines = [];
    return update;
  }

  flush(): Promise<void> {
    this.inFlight = this.inFlight.then(async () => {
      if (this.stopped) return;
      const update = this.drain();
      try {
        const answer = await this.send(update);
        if (this.failing) this.onRecovered();
        this.failing = false;
        if (answer.cancelled) this.onCancelled();
      } catch (error) {
        if (error instanceof ClaimLostError) {
          this.stopped = true;
          clearInterval(this.timer);
          this.onCancelled(error);
          return;
        }
        if (!this.failing) this.onError(error as Error);
        this.failing = true;
        // Keep the lines for the next attempt; the server may be restarting.
        this.lines.unshift(...update.log);
        if (this.progress === undefined) this.progress = update.progress;
      }
    });
    return this.inFlight;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }
}
