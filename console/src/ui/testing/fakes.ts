import { EventEmitter } from 'node:events';
import type { ApiSnapshot } from '../../api/api-client.js';
import type { PollSource, PollState } from '../../api/poller.js';
import type { LogSource, TailedLine } from '../../logs/log-tailer.js';

/** A poll source whose state the test sets. */
export class FakePoll implements PollSource<ApiSnapshot> {
  readonly intervalMs = 3000;
  private listeners = new Set<(state: PollState<ApiSnapshot>) => void>();
  started = 0;
  stopped = 0;

  constructor(
    private state: PollState<ApiSnapshot> = { data: null, error: null, at: null, polls: 0 },
  ) {}

  current() {
    return this.state;
  }
  subscribe(listener: (state: PollState<ApiSnapshot>) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  start() {
    this.started++;
  }
  stop() {
    this.stopped++;
  }
  publish(state: PollState<ApiSnapshot>) {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** A log source the test feeds lines to. */
export class FakeLogs extends EventEmitter implements LogSource {
  private current: string | null = null;
  constructor(readonly dir = '/srv/clippy/instance/logs') {
    super();
  }
  status() {
    return this.current;
  }
  start() {}
  stop() {}
  push(...lines: string[]) {
    this.emit(
      'lines',
      lines.map((line): TailedLine => ({ file: 'clippyfront.1.log', line })),
    );
  }
  setStatus(status: string | null) {
    this.current = status;
    this.emit('status', status);
  }
}

/** Lets ink handle input and render: resolves once `check` holds for the last frame. */
export async function frameWhere(
  lastFrame: () => string | undefined,
  check: (frame: string) => boolean,
): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const frame = lastFrame() ?? '';
    if (check(frame)) return frame;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`No frame matched; the last one was:\n${lastFrame()}`);
}
