import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, signal } from '@angular/core';
import { themeStylesheetPath, type ThemePreference } from '@clippyfront/shared';
import { AuthService } from './auth.service';

/** The id of index.html's `<link rel="stylesheet" href="/theme.css">`. */
export const THEME_LINK_ID = 'cf-theme';

/**
 * Points index.html's theme `<link>` at what the logged-in user chose (the site theme, or the
 * built-in light or dark palette) and reloads it on demand, e.g. right after an admin activates
 * another theme. The stylesheet itself is revalidated by the browser (ETag) on each page load.
 */
@Injectable({ providedIn: 'root' })
export class ThemeStylesheetService {
  private readonly document = inject(DOCUMENT);
  private readonly auth = inject(AuthService);
  private readonly version = signal(0);

  constructor() {
    effect(() => {
      const preference = this.auth.user()?.themePreference ?? 'site';
      this.apply(preference, this.version());
    });
  }

  /** Fetches the stylesheet again (a new URL, so the browser cannot reuse what it has). */
  reload(): void {
    this.version.update((v) => v + 1);
  }

  private apply(preference: ThemePreference, version: number): void {
    const path = themeStylesheetPath(preference);
    const href = version ? `${path}${path.includes('?') ? '&' : '?'}v=${version}` : path;
    const link = this.link();
    if (link.getAttribute('href') !== href) link.setAttribute('href', href);
  }

  private link(): HTMLLinkElement {
    const existing = this.document.getElementById(THEME_LINK_ID);
    if (existing instanceof HTMLLinkElement) return existing;
    const link = this.document.createElement('link');
    link.id = THEME_LINK_ID;
    link.rel = 'stylesheet';
    this.document.head.appendChild(link);
    return link;
  }
}
