import { BUILT_IN_THEMES } from '@clippyfront/shared';
import { makeTheme } from '../../../testing/theme-fixtures';
import {
  draftToRequest,
  invalidColours,
  newThemeDraft,
  normalizeHex,
  themeChanges,
  themeToDraft,
} from './theme-form';

describe('theme form', () => {
  it('normalizes what people type into #rrggbb, or refuses it', () => {
    expect(normalizeHex('#7C5CFF')).toBe('#7c5cff');
    expect(normalizeHex(' 7c5cff ')).toBe('#7c5cff');
    for (const bad of ['', '#', '#fff', '#12345g', '#1234567', 'red', 'rgb(0,0,0)']) {
      expect([bad, normalizeHex(bad)]).toEqual([bad, null]);
    }
  });

  it('starts a new theme from the built-in palette of its base', () => {
    expect(newThemeDraft('light')).toEqual({
      name: '',
      base: 'light',
      colours: BUILT_IN_THEMES.light.colours,
    });
  });

  it('names the invalid colours', () => {
    const draft = newThemeDraft();
    expect(invalidColours(draft.colours)).toEqual([]);
    draft.colours.clip = '#12';
    draft.colours.border = 'nope';
    expect(invalidColours(draft.colours)).toEqual(['border', 'clip']);
  });

  it('sends only what changed, normalized', () => {
    const theme = makeTheme();
    const draft = themeToDraft(theme);
    expect(themeChanges(theme, draft)).toEqual({});
    draft.colours.clip = 'ABCDEF';
    draft.name = ' Dark 2 ';
    expect(themeChanges(theme, draft)).toEqual({ clip: '#abcdef', name: 'Dark 2' });
    expect(draftToRequest(draft)).toMatchObject({ base: 'dark', clip: '#abcdef', text: '#e6e8ef' });
  });
});
