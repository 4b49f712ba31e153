import {
  cycleMinLevel,
  DEFAULT_FILTER,
  isVisible,
  toggleLevel,
  type LogFilter,
} from './log-filter.js';
import type { LogEntry, LogLevel } from './log-line.js';

/** The log pane's state: the lines kept, the filter, and how far the view is scrolled back. */
export interface LogViewState {
  entries: LogEntry[];
  filter: LogFilter;
  /** Visible lines between the bottom of the view and the newest line; 0 follows the tail. */
  scrollBack: number;
}

export type ScrollTo = 'lineUp' | 'lineDown' | 'pageUp' | 'pageDown' | 'home' | 'end';

export type LogViewAction =
  | { type: 'append'; entries: LogEntry[] }
  | { type: 'clear' }
  | { type: 'cycleMinLevel' }
  | { type: 'toggleLevel'; level: LogLevel }
  | { type: 'scroll'; to: ScrollTo; pageSize: number };

/** Older lines are dropped past this many. */
export const MAX_LOG_ENTRIES = 5000;

export const INITIAL_LOG_VIEW: LogViewState = {
  entries: [],
  filter: DEFAULT_FILTER,
  scrollBack: 0,
};

function visibleEntries(state: LogViewState): LogEntry[] {
  return state.entries.filter((entry) => isVisible(state.filter, entry.level));
}

function clampScroll(scrollBack: number, visible: number, pageSize: number): number {
  return Math.max(0, Math.min(scrollBack, visible - pageSize));
}

export function logViewReducer(state: LogViewState, action: LogViewAction): LogViewState {
  switch (action.type) {
    case 'append': {
      const entries = [...state.entries, ...action.entries].slice(-MAX_LOG_ENTRIES);
      // Scrolled back: new lines below must not move what the operator is reading.
      const added = action.entries.filter((entry) => isVisible(state.filter, entry.level)).length;
      return { ...state, entries, scrollBack: state.scrollBack ? state.scrollBack + added : 0 };
    }
    case 'clear':
      return { ...state, entries: [], scrollBack: 0 };
    case 'cycleMinLevel':
      return { ...state, filter: cycleMinLevel(state.filter), scrollBack: 0 };
    case 'toggleLevel':
      return { ...state, filter: toggleLevel(state.filter, action.level), scrollBack: 0 };
    case 'scroll': {
      const visible = visibleEntries(state).length;
      const page = Math.max(1, action.pageSize);
      const current = clampScroll(state.scrollBack, visible, page);
      const target = {
        lineUp: current + 1,
        lineDown: current - 1,
        pageUp: current + page,
        pageDown: current - page,
        home: visible,
        end: 0,
      }[action.to];
      return { ...state, scrollBack: clampScroll(target, visible, page) };
    }
  }
}

export interface LogWindow {
  lines: LogEntry[];
  /** Lines the filter lets through, in all. */
  visibleCount: number;
  /** Lines below the view (0: following the tail). */
  below: number;
}

/** The `height` lines the pane shows now. */
export function logWindow(state: LogViewState, height: number): LogWindow {
  const visible = visibleEntries(state);
  const below = clampScroll(state.scrollBack, visible.length, Math.max(1, height));
  const end = visible.length - below;
  return {
    lines: visible.slice(Math.max(0, end - height), end),
    visibleCount: visible.length,
    below,
  };
}
