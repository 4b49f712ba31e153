const TWITCH_HOSTS = new Set(['twitch.tv', 'www.twitch.tv', 'm.twitch.tv', 'clips.twitch.tv']);

/**
 * The clip slug of a Twitch clip URL (`clips.twitch.tv/<slug>`,
 * `[www.|m.]twitch.tv/<channel>/clip/<slug>`), or null for anything else.
 */
export function twitchClipSlug(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname;
  if (!TWITCH_HOSTS.has(host) || url.port) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  let slug: string | undefined;
  if (host === 'clips.twitch.tv') slug = parts.length === 1 ? parts[0] : undefined;
  else if (parts.length === 3 && parts[1] === 'clip') slug = parts[2];
  return slug && /^[\w-]+$/.test(slug) ? slug : null;
}
