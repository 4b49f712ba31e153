import { isIP } from 'node:net';
import { PROJECT_RULES, type ClipRejection, type ClipSource } from '@clippyfront/shared';
import { isPublicAddress } from '@clippyfront/worker';

/**
 * Which clip URLs are accepted, and the normalized form that dedup compares. Pure and
 * syntactic: the worker checks the addresses a host really resolves to (and every redirect)
 * at download time; here only literal private addresses are refused early, with a clear word.
 */
export interface ClipUrlOptions {
  /** ALLOW_EXTERNAL_URLS: sites other than Twitch and Discord. */
  allowExternal: boolean;
  /** DOWNLOAD_ALLOW_PRIVATE_NETWORKS: loopback, private and link-local addresses (dev/tests). */
  allowPrivateNetworks: boolean;
}

export interface AcceptedClipUrl {
  accepted: true;
  source: ClipSource;
  /** What the download fetches. */
  sourceUrl: string;
  /** The dedup key. */
  normalizedUrl: string;
}

export interface RejectedClipUrl {
  accepted: false;
  reason: Extract<ClipRejection, 'invalid-url' | 'unsupported-source'>;
  message: string;
}

export type ClipUrlVerdict = AcceptedClipUrl | RejectedClipUrl;

const TWITCH_HOSTS = new Set(['twitch.tv', 'www.twitch.tv', 'm.twitch.tv']);
const TWITCH_CLIPS_HOST = 'clips.twitch.tv';
const DISCORD_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);
/** Twitch clip slugs: letters, digits, - and _ (e.g. "FunnyCleverSnail-AbC123_x"). */
const TWITCH_SLUG = /^[A-Za-z0-9_-]{1,100}$/;
/** Pasted without a scheme, these hosts are still recognised ("clips.twitch.tv/Slug"). */
const KNOWN_HOST_PREFIX =
  /^(?:(?:www\.|m\.|clips\.)?twitch\.tv|cdn\.discordapp\.com|media\.discordapp\.net)\//i;
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'si', 'feature']);

const reject = (reason: RejectedClipUrl['reason'], message: string): RejectedClipUrl => ({
  accepted: false,
  reason,
  message,
});

/**
 * Whether a hostname is localhost or a literal address the worker would never connect to
 * (loopback, private, link-local, reserved…: the worker's own address policy decides).
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isIP(host) !== 0 && !isPublicAddress(host);
}

function parse(raw: string): URL | RejectedClipUrl {
  const text = raw.trim();
  if (!text) return reject('invalid-url', 'Empty: paste a clip link');
  if (text.length > PROJECT_RULES.maxUrlLength) {
    return reject('invalid-url', `Longer than ${PROJECT_RULES.maxUrlLength} characters`);
  }
  let url: URL;
  try {
    url = new URL(KNOWN_HOST_PREFIX.test(text) ? `https://${text}` : text);
  } catch {
    return reject('invalid-url', 'Not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return reject('invalid-url', 'Only http and https links are accepted');
  }
  if (url.username || url.password) {
    return reject('invalid-url', 'Links with a user name or password are not accepted');
  }
  if (url.href.length > PROJECT_RULES.maxUrlLength) {
    return reject('invalid-url', `Longer than ${PROJECT_RULES.maxUrlLength} characters`);
  }
  url.hash = '';
  url.hostname = url.hostname.replace(/\.$/, '');
  return url;
}

/** `clips.twitch.tv/<slug>`, `…/embed?clip=<slug>`, `(www.|m.)twitch.tv/[<ch>/]clip/<slug>`. */
function twitchSlug(url: URL): string | null | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === TWITCH_CLIPS_HOST) {
    if (parts.length === 1 && parts[0] === 'embed') return url.searchParams.get('clip');
    return parts.length === 1 ? parts[0] : null;
  }
  if (parts.length === 3 && parts[1] === 'clip') return parts[2];
  if (parts.length === 2 && parts[0] === 'clip') return parts[1];
  return null;
}

function twitch(url: URL): ClipUrlVerdict {
  const slug = twitchSlug(url);
  if (!slug) {
    return reject('unsupported-source', 'Twitch links must point to a clip (…/clip/<id>)');
  }
  if (!TWITCH_SLUG.test(slug)) return reject('invalid-url', 'Not a valid Twitch clip id');
  const canonical = `https://${TWITCH_CLIPS_HOST}/${slug}`;
  return { accepted: true, source: 'twitch', sourceUrl: canonical, normalizedUrl: canonical };
}

/** The download needs the signed query (ex, is, hm); dedup ignores it and the host used. */
function discord(url: URL): ClipUrlVerdict {
  if (!url.pathname.startsWith('/attachments/') || url.pathname.split('/').length < 5) {
    return reject(
      'unsupported-source',
      'Discord links must be attachment links (cdn.discordapp.com/attachments/…)',
    );
  }
  url.protocol = 'https:';
  return {
    accepted: true,
    source: 'discord',
    sourceUrl: url.href,
    normalizedUrl: `https://cdn.discordapp.com${url.pathname}`,
  };
}

function external(url: URL, options: ClipUrlOptions): ClipUrlVerdict {
  if (!options.allowExternal) {
    return reject(
      'unsupported-source',
      'Only Twitch clips and Discord attachments are accepted on this server',
    );
  }
  if (!options.allowPrivateNetworks && isPrivateHost(url.hostname)) {
    return reject('unsupported-source', 'private network address');
  }
  const sourceUrl = url.href;
  const kept = [...url.searchParams].filter(
    ([key]) => !key.toLowerCase().startsWith('utm_') && !TRACKING_PARAMS.has(key.toLowerCase()),
  );
  const query = new URLSearchParams(kept);
  query.sort();
  url.search = query.size ? `?${query}` : '';
  return { accepted: true, source: 'external', sourceUrl, normalizedUrl: url.href };
}

/** The verdict on one pasted URL. */
export function evaluateClipUrl(raw: string, options: ClipUrlOptions): ClipUrlVerdict {
  const url = parse(raw);
  if (!(url instanceof URL)) return url;
  const verdict =
    url.hostname === TWITCH_CLIPS_HOST || TWITCH_HOSTS.has(url.hostname)
      ? twitch(url)
      : DISCORD_HOSTS.has(url.hostname)
        ? discord(url)
        : external(url, options);
  // Re-encoding the query can lengthen a URL that was just under the limit.
  if (verdict.accepted && verdict.normalizedUrl.length > PROJECT_RULES.maxUrlLength) {
    return reject('invalid-url', `Longer than ${PROJECT_RULES.maxUrlLength} characters`);
  }
  return verdict;
}
