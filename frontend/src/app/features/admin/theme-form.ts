import {
  BUILT_IN_THEMES,
  THEME_COLOUR_KEYS,
  THEME_COLOUR_PATTERN,
  THEME_MEDIA_KEYS,
  THEME_PALETTE_KEYS,
  type ThemeBase,
  type ThemeColourKey,
  type ThemeColours,
  type ThemeDto,
  type UpdateThemeRequest,
} from '@clippyfront/shared';

const HEX = new RegExp(THEME_COLOUR_PATTERN);

/** `#rrggbb` in lower case, from what a person types ("7C5CFF" and " #7c5cff " too); else null. */
export function normalizeHex(text: string): string | null {
  const trimmed = text.trim();
  const withHash = trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
  return HEX.test(withHash) ? withHash.toLowerCase() : null;
}

export const THEME_COLOUR_LABELS: Record<ThemeColourKey, string> = {
  background: 'Background',
  surface: 'Surface (cards, dialogs)',
  text: 'Text',
  muted: 'Muted text',
  primary: 'Primary (buttons, links, focus)',
  accent: 'Accent (info, running jobs)',
  success: 'Success',
  warning: 'Warning',
  danger: 'Danger',
  border: 'Borders',
  intro: 'Intro',
  clip: 'Clip',
  outro: 'Outro',
  transition: 'Transition',
  compilation: 'Compilation',
  image: 'Image',
};

export const THEME_COLOUR_GROUPS: { title: string; keys: readonly ThemeColourKey[] }[] = [
  { title: 'Palette', keys: THEME_PALETTE_KEYS },
  { title: 'Media types', keys: THEME_MEDIA_KEYS },
];

export const THEME_BASE_CHOICES: { value: ThemeBase; label: string }[] = [
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

/** What the editor holds: colours as typed (maybe not valid yet). */
export interface ThemeDraft {
  name: string;
  base: ThemeBase;
  colours: ThemeColours;
}

export function newThemeDraft(base: ThemeBase = 'dark'): ThemeDraft {
  return { name: '', base, colours: { ...BUILT_IN_THEMES[base].colours } };
}

export function themeToDraft(theme: ThemeDto): ThemeDraft {
  const colours = Object.fromEntries(THEME_COLOUR_KEYS.map((k) => [k, theme[k]])) as ThemeColours;
  return { name: theme.name, base: theme.base, colours };
}

/** The keys whose text is not a colour. */
export function invalidColours(colours: ThemeColours): ThemeColourKey[] {
  return THEME_COLOUR_KEYS.filter((key) => normalizeHex(colours[key]) === null);
}

/** The request for a draft: every colour normalized (call only when none is invalid). */
export function draftToRequest(draft: ThemeDraft): Required<UpdateThemeRequest> {
  const colours = Object.fromEntries(
    THEME_COLOUR_KEYS.map((k) => [k, normalizeHex(draft.colours[k])]),
  ) as ThemeColours;
  return { name: draft.name.trim(), base: draft.base, ...colours };
}

/** Only what changed since `theme`, for PATCH. */
export function themeChanges(theme: ThemeDto, draft: ThemeDraft): UpdateThemeRequest {
  const request = draftToRequest(draft);
  const changes: UpdateThemeRequest = {};
  for (const [key, value] of Object.entries(request) as [keyof UpdateThemeRequest, string][]) {
    if (theme[key] !== value) (changes as Record<string, string>)[key] = value;
  }
  return changes;
}
