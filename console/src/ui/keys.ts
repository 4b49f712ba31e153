import type { Key } from 'ink';
import type { LogLevel } from '../logs/log-line.js';
import type { ScrollTo } from '../logs/log-view.js';

export type KeyCommand =
  | { type: 'quit' }
  | { type: 'cycleMinLevel' }
  | { type: 'toggleLevel'; level: LogLevel }
  | { type: 'clear' }
  | { type: 'scroll'; to: ScrollTo };

const TOGGLES: Record<string, LogLevel> = { d: 'debug', i: 'info', w: 'warning', e: 'error' };

/** What a key press means; null: nothing. */
export function keyCommand(input: string, key: Partial<Key>): KeyCommand | null {
  if (key.pageUp) return { type: 'scroll', to: 'pageUp' };
  if (key.pageDown) return { type: 'scroll', to: 'pageDown' };
  if (key.home) return { type: 'scroll', to: 'home' };
  if (key.end) return { type: 'scroll', to: 'end' };
  if (key.upArrow) return { type: 'scroll', to: 'lineUp' };
  if (key.downArrow) return { type: 'scroll', to: 'lineDown' };
  if (key.ctrl || key.meta) return null;
  const letter = input.toLowerCase();
  if (letter === 'q') return { type: 'quit' };
  if (letter === 'f') return { type: 'cycleMinLevel' };
  if (letter === 'c') return { type: 'clear' };
  const level = TOGGLES[letter];
  return level ? { type: 'toggleLevel', level } : null;
}

export const KEY_HELP =
  'q quit · f min level · d/i/w/e toggle debug/info/warning/error · c clear · PgUp/PgDn/Home/End scroll';
