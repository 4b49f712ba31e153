import { BUILT_IN_THEMES, type ThemeDto } from '@clippyfront/shared';

/** The seeded dark theme (active). */
export function makeTheme(overrides: Partial<ThemeDto> = {}): ThemeDto {
  return {
    id: 'theme-dark',
    name: 'ClippyFront Dark',
    base: 'dark',
    ...BUILT_IN_THEMES.dark.colours,
    active: true,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeLightTheme(overrides: Partial<ThemeDto> = {}): ThemeDto {
  return makeTheme({
    id: 'theme-light',
    name: 'ClippyFront Light',
    base: 'light',
    ...BUILT_IN_THEMES.light.colours,
    active: false,
    ...overrides,
  });
}
