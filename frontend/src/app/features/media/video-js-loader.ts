import { InjectionToken } from '@angular/core';
import type videojs from 'video.js';

export type VideoJs = typeof videojs;
export type VideoJsPlayer = ReturnType<VideoJs>;

/** video.js's stylesheet, built as its own file (angular.json, `inject: false`). */
export const VIDEOJS_STYLESHEET = 'video-js.css';

function loadStylesheet(href: string): Promise<void> {
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  return new Promise((resolve) => {
    // Without its stylesheet the player still plays, only unstyled.
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  });
}

/**
 * Loads video.js and its stylesheet on first use, so neither weighs on the initial bundle.
 * video.js would add <style> elements for its default sizes, which the strict CSP
 * (style-src 'self') refuses; it is told not to, and styles.css carries the rules it needs.
 */
export async function loadVideoJs(): Promise<VideoJs> {
  (window as { VIDEOJS_NO_DYNAMIC_STYLE?: boolean }).VIDEOJS_NO_DYNAMIC_STYLE = true;
  const [module] = await Promise.all([
    import('video.js/dist/alt/video.core.js'),
    loadStylesheet(VIDEOJS_STYLESHEET),
  ]);
  return module.default;
}

export const VIDEOJS_LOADER = new InjectionToken<() => Promise<VideoJs>>('VIDEOJS_LOADER', {
  providedIn: 'root',
  factory: () => loadVideoJs,
});
