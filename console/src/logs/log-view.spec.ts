import {
  cycleMinLevel,
  DEFAULT_FILTER,
  describeFilter,
  isVisible,
  toggleLevel,
} from './log-filter.js';
import { parseLogLine, type LogEntry, type LogLevel } from './log-line.js';
import {
  INITIAL_LOG_VIEW,
  logViewReducer,
  logWindow,
  MAX_LOG_ENTRIES,
  type LogViewState,
} from './log-view.js';

const entry = (message: string, level: LogLevel = 'info'): LogEntry => ({
  ...parseLogLine(message),
  level,
});
const numbered = (count: number, level: LogLevel = 'info') =>
  Array.from({ length: count }, (_, i) => entry(`line ${i}`, level));
const messages = (state: LogViewState, height: number) =>
  logWindow(state, height).lines.map((line) => line.message);

describe('log filter', () => {
  it('cycles the minimum level and wraps around', () => {
    const levels = [DEFAULT_FILTER];
    for (let i = 0; i < 4; i++) levels.push(cycleMinLevel(levels.at(-1)!));
    expect(levels.map((filter) => filter.minLevel)).toEqual([
      'debug',
      'info',
      'warning',
      'error',
      'debug',
    ]);
  });

  it('shows a level only when it is switched on and at or above the minimum', () => {
    const warnings = cycleMinLevel(cycleMinLevel(DEFAULT_FILTER));
    expect(isVisible(warnings, 'info')).toBe(false);
    expect(isVisible(warnings, 'error')).toBe(true);
    const noErrors = toggleLevel(warnings, 'error');
    expect(isVisible(noErrors, 'error')).toBe(false);
    expect(isVisible(toggleLevel(noErrors, 'error'), 'error')).toBe(true);
    expect(describeFilter(toggleLevel(toggleLevel(DEFAULT_FILTER, 'debug'), 'info'))).toBe(
      'min debug · debug, info off',
    );
  });
});

describe('log view', () => {
  const appended = (entries: LogEntry[], state = INITIAL_LOG_VIEW) =>
    logViewReducer(state, { type: 'append', entries });

  it('follows the newest lines', () => {
    const state = appended(numbered(10));
    expect(messages(state, 3)).toEqual(['line 7', 'line 8', 'line 9']);
    expect(logWindow(state, 3)).toMatchObject({ visibleCount: 10, below: 0 });
  });

  it('scrolls by pages and lines, stops at both ends, and Home/End jump', () => {
    let state = appended(numbered(10));
    const scroll = (to: 'pageUp' | 'pageDown' | 'home' | 'end' | 'lineUp' | 'lineDown') =>
      (state = logViewReducer(state, { type: 'scroll', to, pageSize: 3 }));
    scroll('pageUp');
    expect(messages(state, 3)).toEqual(['line 4', 'line 5', 'line 6']);
    scroll('lineUp');
    expect(messages(state, 3)).toEqual(['line 3', 'line 4', 'line 5']);
    scroll('pageUp');
    scroll('pageUp');
    scroll('pageUp');
    expect(messages(state, 3)).toEqual(['line 0', 'line 1', 'line 2']);
    scroll('end');
    expect(messages(state, 3)).toEqual(['line 7', 'line 8', 'line 9']);
    scroll('home');
    expect(messages(state, 3)).toEqual(['line 0', 'line 1', 'line 2']);
    scroll('pageDown');
    expect(messages(state, 3)).toEqual(['line 3', 'line 4', 'line 5']);
    scroll('pageDown');
    scroll('pageDown');
    scroll('lineDown');
    expect(logWindow(state, 3).below).toBe(0);
  });

  it('keeps what is read in place while new lines arrive, and follows again at End', () => {
    let state = appended(numbered(10));
    state = logViewReducer(state, { type: 'scroll', to: 'pageUp', pageSize: 3 });
    state = appended([entry('new 1'), entry('new 2'), entry('a debug line', 'debug')], state);
    expect(messages(state, 3)).toEqual(['line 4', 'line 5', 'line 6']);
    state = logViewReducer(state, { type: 'scroll', to: 'end', pageSize: 3 });
    state = appended([entry('new 3')], state);
    expect(messages(state, 3)).toEqual(['new 2', 'a debug line', 'new 3']);
  });

  it('filters what it shows and keeps the hidden lines for later', () => {
    let state = appended([
      entry('d', 'debug'),
      entry('i'),
      entry('w', 'warning'),
      entry('e', 'error'),
    ]);
    state = logViewReducer(state, { type: 'cycleMinLevel' });
    expect(messages(state, 10)).toEqual(['i', 'w', 'e']);
    state = logViewReducer(state, { type: 'toggleLevel', level: 'warning' });
    expect(messages(state, 10)).toEqual(['i', 'e']);
    state = logViewReducer(state, { type: 'cycleMinLevel' });
    state = logViewReducer(state, { type: 'cycleMinLevel' });
    state = logViewReducer(state, { type: 'cycleMinLevel' });
    state = logViewReducer(state, { type: 'toggleLevel', level: 'warning' });
    expect(messages(state, 10)).toEqual(['d', 'i', 'w', 'e']);
  });

  it('clears, and keeps at most MAX_LOG_ENTRIES lines', () => {
    const state = appended(numbered(MAX_LOG_ENTRIES + 5));
    expect(state.entries).toHaveLength(MAX_LOG_ENTRIES);
    expect(state.entries[0]!.message).toBe('line 5');
    expect(logViewReducer(state, { type: 'clear' }).entries).toEqual([]);
  });
});
