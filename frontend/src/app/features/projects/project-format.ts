import type {
  ClipDto,
  ClipSource,
  ClipState,
  OutputFormat,
  OutputResolution,
  ProjectOutputSettings,
} from '@clippyfront/shared';

export const CLIP_SOURCE_LABELS: Record<ClipSource, string> = {
  twitch: 'Twitch',
  discord: 'Discord',
  external: 'External',
};

export const CLIP_STATE_LABELS: Record<ClipState, string> = {
  queued: 'Queued',
  downloading: 'Downloading',
  ready: 'Ready',
  failed: 'Failed',
};

export const RESOLUTION_LABELS: Record<OutputResolution, string> = {
  '720p': '720p (1280×720)',
  '1080p': '1080p (1920×1080)',
  '1440p': '1440p (2560×1440)',
  '2160p': '2160p / 4K (3840×2160)',
};

export const FORMAT_LABELS: Record<OutputFormat, string> = {
  mp4: 'MP4 (H.264)',
  webm: 'WebM',
  mkv: 'Matroska (MKV)',
};

/** `1080p · 30 fps · MP4 · clips ≤ 30 s` */
export function outputSummary(output: ProjectOutputSettings): string {
  return [
    output.resolution,
    `${output.fps} fps`,
    output.format.toUpperCase(),
    `clips ≤ ${output.maxClipSeconds} s`,
  ].join(' · ');
}

/** The clip's title, or its URL while the title is unknown. */
export function clipTitle(clip: Pick<ClipDto, 'title' | 'sourceUrl'>): string {
  const title = clip.title?.trim();
  return title ? title : clip.sourceUrl;
}

/** `1234567` → `1,234,567 views`; `1` → `1 view`. */
export function formatViews(count: number | null | undefined): string | null {
  if (count == null || !Number.isFinite(count) || count < 0) return null;
  return `${Math.round(count).toLocaleString('en-US')} ${count === 1 ? 'view' : 'views'}`;
}

/** `"Compilation of 2026-05-03"` (UTC date): what the API names a project created without a name. */
export function defaultProjectName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Compilation of ${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
}
