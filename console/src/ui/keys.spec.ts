import { keyCommand } from './keys.js';

describe('keyCommand', () => {
  it('maps the letters, either case', () => {
    expect(['q', 'f', 'c', 'd', 'I', 'w', 'e', 'x'].map((input) => keyCommand(input, {}))).toEqual([
      { type: 'quit' },
      { type: 'cycleMinLevel' },
      { type: 'clear' },
      { type: 'toggleLevel', level: 'debug' },
      { type: 'toggleLevel', level: 'info' },
      { type: 'toggleLevel', level: 'warning' },
      { type: 'toggleLevel', level: 'error' },
      null,
    ]);
  });

  it('maps the scroll keys and ignores letters typed with Ctrl or Meta', () => {
    expect(keyCommand('', { pageUp: true })).toEqual({ type: 'scroll', to: 'pageUp' });
    expect(keyCommand('', { pageDown: true })).toEqual({ type: 'scroll', to: 'pageDown' });
    expect(keyCommand('', { home: true })).toEqual({ type: 'scroll', to: 'home' });
    expect(keyCommand('', { end: true })).toEqual({ type: 'scroll', to: 'end' });
    expect(keyCommand('', { upArrow: true })).toEqual({ type: 'scroll', to: 'lineUp' });
    expect(keyCommand('q', { ctrl: true })).toBeNull();
  });
});
