import { describeError } from '../ui/format.js';

/** The latest result of a poll, and the last good one while the source is down. */
export interface PollState<T> {
  data: T | null;
  /** The last poll's failure; null after a success. */
  error: string | null;
  /** When `data` was fetched. */
  at: Date | null;
  /** Polls so far (0: still waiting for the first answer). */
  polls: number;
}

export interface PollSource<T> {
  readonly intervalMs: number;
  current(): PollState<T>;
  subscribe(listener: (state: PollState<T>) => void): () => void;
  start(): void;
  stop(): void;
}

/** Calls `load` now and then `intervalMs` after each answer (never two at once). */
export class Poller<T> implements PollSource<T> {
  private state: PollState<T> = { data: null, error: null, at: null, polls: 0 };
  private readonly listeners = new Set<(state: PollState<T>) => void>();
  private timer: NodeJS.Timeout | null = null;
  private active = false;

  constructor(
    private readonly load: () => Promise<T>,
    readonly intervalMs: number,
  ) {}

  current(): PollState<T> {
    return this.state;
  }

  subscribe(listener: (state: PollState<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    void this.poll();
  }

  stop(): void {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One poll now; resolves when its result has been published. */
  async poll(): Promise<void> {
    try {
      const data = await this.load();
      this.state = { data, error: null, at: new Date(), polls: this.state.polls + 1 };
    } catch (error) {
      this.state = { ...this.state, error: describeError(error), polls: this.state.polls + 1 };
    }
    for (const listener of this.listeners) listener(this.state);
    if (this.active) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.poll(), this.intervalMs);
    }
  }
}
