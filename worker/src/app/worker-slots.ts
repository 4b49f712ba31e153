/**
 * WORKER_CONCURRENCY as the total of jobs a worker runs at once, across all its queues (Bull
 * counts concurrency per queue).
 */
export class WorkerSlots {
  private busy = 0;
  private waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  get running(): number {
    return this.busy;
  }

  /** Takes a slot if one is free. */
  tryTake(): boolean {
    if (this.busy >= this.size) return false;
    this.busy++;
    return true;
  }

  release(): void {
    this.busy = Math.max(0, this.busy - 1);
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /** Resolves at the next release. */
  freed(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
