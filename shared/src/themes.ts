/** Themes: the SPA's palette, served as CSS custom properties by `GET /theme.css`. */

export const THEME_BASES = ['dark', 'light'] as const;
export type ThemeBase = (typeof THEME_BASES)[number];

/** The palette colours, then one per media type. */
export const THEME_PALETTE_KEYS = [
  'background',
  'surface',
  'text',
  'muted',
  'primary',
  'accent',
  'success',
  'warning',
  'danger',
  'border',
] as const;
export const THEME_MEDIA_KEYS = [
  'intro',
  'clip',
  'outro',
  'transition',
  'compilation',
  'image',
] as const;
export const THEME_COLOUR_KEYS = [...THEME_PALETTE_KEYS, ...THEME_MEDIA_KEYS] as const;
export type ThemeColourKey = (typeof THEME_COLOUR_KEYS)[number];
export type ThemeColours = Record<ThemeColourKey, string>;

/** The CSS custom property each colour sets (the SPA's stylesheets use these). */
export const THEME_CSS_VARIABLES: Record<ThemeColourKey, string> = {
  background: '--cf-bg',
  surface: '--cf-surface',
  text: '--cf-text',
  muted: '--cf-text-muted',
  primary: '--cf-primary',
  accent: '--cf-accent',
  success: '--cf-success',
  warning: '--cf-warning',
  danger: '--cf-danger',
  border: '--cf-border',
  intro: '--cf-type-intro',
  clip: '--cf-type-clip',
  outro: '--cf-type-outro',
  transition: '--cf-type-transition',
  compilation: '--cf-type-compilation',
  image: '--cf-type-image',
};

/** `#rrggbb`, the only colour form the API accepts (stored lower-case). */
export const THEME_COLOUR_PATTERN = '^#[0-9a-fA-F]{6}$';

export const THEME_RULES = { nameMaxLength: 64 } as const;

/** The built-in palettes: seeded as "ClippyFront Dark"/"ClippyFront Light", and what a user who
 * picks Dark or Light gets whatever the site theme is. */
export const BUILT_IN_THEMES: Record<ThemeBase, { name: string; colours: ThemeColours }> = {
  dark: {
    name: 'ClippyFront Dark',
    colours: {
      background: '#0f1117',
      surface: '#181b26',
      text: '#e6e8ef',
      muted: '#9aa1b5',
      primary: '#7c5cff',
      accent: '#60a5fa',
      success: '#34d399',
      warning: '#fbbf24',
      danger: '#f87171',
      border: '#2a2f40',
      intro: '#38bdf8',
      clip: '#7c5cff',
      outro: '#f472b6',
      transition: '#fbbf24',
      compilation: '#34d399',
      image: '#fb923c',
    },
  },
  light: {
    name: 'ClippyFront Light',
    colours: {
      background: '#f5f6fa',
      surface: '#ffffff',
      text: '#1b1e29',
      muted: '#5b6275',
      primary: '#6246ea',
      accent: '#2563eb',
      success: '#047857',
      warning: '#b45309',
      danger: '#dc2626',
      border: '#d8dbe5',
      intro: '#0284c7',
      clip: '#6246ea',
      outro: '#db2777',
      transition: '#b45309',
      compilation: '#047857',
      image: '#ea580c',
    },
  },
};

export interface ThemeDto extends ThemeColours {
  id: string;
  name: string;
  base: ThemeBase;
  /** Exactly one theme is active: the one `/theme.css` serves. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Colours left out are the built-in palette's of the base (dark unless given). */
export interface CreateThemeRequest extends Partial<ThemeColours> {
  name: string;
  base?: ThemeBase;
}

export type UpdateThemeRequest = Partial<CreateThemeRequest>;

/** A user's own choice: the site's active theme, or the built-in light or dark palette. */
export const THEME_CSS_PATH = '/theme.css';

export const THEME_PREFERENCES = ['site', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

/** The stylesheet a user's preference loads (`?base=` picks a built-in palette). */
export function themeStylesheetPath(preference: ThemePreference = 'site'): string {
  return preference === 'site' ? THEME_CSS_PATH : `${THEME_CSS_PATH}?base=${preference}`;
}

/** The `:root` rule of a palette (`:root:root` outranks the SPA's defaults in any order). */
export function themeCss(base: ThemeBase, colours: ThemeColours): string {
  const lines = THEME_COLOUR_KEYS.map((key) => `  ${THEME_CSS_VARIABLES[key]}: ${colours[key]};`);
  return `:root:root {\n  color-scheme: ${base};\n${lines.join('\n')}\n}\n`;
}
