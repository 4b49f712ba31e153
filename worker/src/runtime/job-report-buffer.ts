export interface JobUpdate {
  progress?: number;
  log: string[];
}

/**
 * Collects progress and log lines and sends them at most once per interval (and at least once
 * per interval, so the server sees the job is alive and can answer "cancelled").
 */
export class JobReportBuffer {
  private progress: number | undefined;
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (update: JobUpdate) => Promise<{ cancelled: boolean }>,
    private readonly onCancelled: () => void,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly intervalMs = 1000,
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
      const update = this.drain();
      try {
        const answer = await this.send(update);
        if (answer.cancelled) this.onCancelled();
      } catch (error) {
        this.onError(error as Error);
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
