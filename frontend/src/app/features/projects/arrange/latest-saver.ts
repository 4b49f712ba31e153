import { signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';

export interface LatestSaverHandlers<R> {
  /** The answer to the newest value sent (answers to values overtaken meanwhile are dropped). */
  saved(result: R): void;
  /** The newest value could not be saved. */
  failed(error: unknown): void;
}

/**
 * Sends values one at a time, newest wins: a value given while a save is in flight waits, and
 * replaces any other waiting value. So the server always ends with the last value, in order,
 * and a slow answer to an older value never overwrites newer local state.
 */
export class LatestSaver<T, R> {
  readonly saving = signal(false);
  private running?: Subscription;
  private waiting: { value: T } | null = null;

  constructor(
    private readonly send: (value: T) => Observable<R>,
    private readonly handlers: LatestSaverHandlers<R>,
  ) {}

  save(value: T): void {
    if (this.running) {
      this.waiting = { value };
      return;
    }
    this.start(value);
  }

  /** Forgets the waiting value and stops listening to the one in flight. */
  cancel(): void {
    this.waiting = null;
    this.running?.unsubscribe();
    this.running = undefined;
    this.saving.set(false);
  }

  private start(value: T): void {
    this.saving.set(true);
    let result: { value: R } | null = null;
    let finished = false;
    const end = (report: () => void) => {
      finished = true;
      this.finish(report);
    };
    const subscription = this.send(value).subscribe({
      next: (answer) => (result = { value: answer }),
      error: (error: unknown) => end(() => this.handlers.failed(error)),
      complete: () => end(() => result && this.handlers.saved(result.value)),
    });
    // An answer given synchronously has already finished (and maybe started the next save).
    if (!finished) this.running = subscription;
  }

  private finish(report: () => void): void {
    this.running = undefined;
    const next = this.waiting;
    this.waiting = null;
    if (next) {
      this.start(next.value);
      return;
    }
    this.saving.set(false);
    report();
  }
}
