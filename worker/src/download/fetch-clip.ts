import type { DownloadPayload } from '@clippyfront/shared';
import { allowAnyAddress, isPublicAddress } from './address-policy.js';
import type { DownloadSettings } from './download-settings.js';
import { urlFileName } from './file-name.js';
import { safeHttpDownload } from './safe-http-download.js';
import { twitchClipSlug } from './twitch-url.js';
import { locateYtDlp, runYtDlp } from './yt-dlp.repository.js';

export interface FetchClipOptions {
  settings: DownloadSettings;
  workDir: string;
  signal: AbortSignal;
  ffmpegPath: string | null;
  /** 0-100 of the transfer. */
  onProgress(percent: number): void;
  log(line: string): void;
}

export interface FetchedClip {
  path: string;
  sizeBytes: number;
  /** A name to derive the library file name from (URL basename, Twitch slug). */
  name: string | null;
}

/**
 * yt-dlp resolves and connects on its own, beyond the reach of the private-network guard: it
 * is only given Twitch clip URLs (checked by the API when the clip was added, and again here),
 * whose media URLs come from Twitch's own API. Its Twitch extractor needs the internet, so the
 * tests here cover the runner with yt-dlp's generic extractor on a local server instead.
 */
async function fetchFromTwitch(url: string, maxBytes: number, options: FetchClipOptions) {
  const slug = twitchClipSlug(url);
  if (!slug) throw new Error(`Not a Twitch clip URL: ${url}`);
  const result = await runYtDlp(url, {
    binary: locateYtDlp(options.settings.ytDlpBinary),
    extraArgs: options.settings.ytDlpArgs,
    destDir: options.workDir,
    maxBytes,
    timeoutSeconds: options.settings.timeoutSeconds,
    ffmpegPath: options.ffmpegPath,
    signal: options.signal,
    onProgress: options.onProgress,
    onLog: (line) => options.log(`yt-dlp: ${line}`),
  });
  return { ...result, name: `${slug}.mp4` };
}

async function fetchOverHttp(url: string, maxBytes: number, options: FetchClipOptions) {
  const policy = options.settings.allowPrivateNetworks ? allowAnyAddress : isPublicAddress;
  const result = await safeHttpDownload(url, {
    destDir: options.workDir,
    maxBytes,
    timeoutMs: options.settings.timeoutSeconds * 1000,
    signal: options.signal,
    isAllowedAddress: policy,
    onRedirect: (next) => options.log(`Redirected to ${next}`),
    onProgress: (received, total) => {
      if (total) options.onProgress((received / total) * 100);
    },
  });
  return { ...result, name: result.suggestedName ?? urlFileName(url) };
}

/** Twitch clips through yt-dlp; Discord attachments and other URLs as a guarded HTTP download. */
export function fetchClip(
  payload: DownloadPayload,
  options: FetchClipOptions,
): Promise<FetchedClip> {
  return payload.source === 'twitch'
    ? fetchFromTwitch(payload.url, payload.maxBytes, options)
    : fetchOverHttp(payload.url, payload.maxBytes, options);
}
