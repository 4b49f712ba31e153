import type { TierDto } from '@clippyfront/shared';
import { formatBytes } from '../../shared/format';
import { formatTimeAmount } from '../../shared/units';

type Limits = Pick<TierDto, 'unlimited' | 'storageLimitBytes' | 'monthlyRenderSeconds'>;
type Caps = Pick<TierDto, 'maxResolution' | 'maxFps' | 'maxClipsPerProject'>;

/** `1.0 GiB`, `Unlimited`, or `Server quota` (no limit of its own: STORAGE_QUOTA applies). */
export function tierStorageText(tier: Limits): string {
  if (tier.unlimited) return 'Unlimited';
  return tier.storageLimitBytes === null ? 'Server quota' : formatBytes(tier.storageLimitBytes);
}

/** `30 min`, `6 h`, `Unlimited` or `No limit`. */
export function tierRenderText(tier: Limits): string {
  if (tier.unlimited) return 'Unlimited';
  return tier.monthlyRenderSeconds === null
    ? 'No limit'
    : formatTimeAmount(tier.monthlyRenderSeconds);
}

/** `1080p · 30 fps · 20 clips per project`, `2160p · 60 fps · no clip cap`. */
export function tierCapsText(tier: Caps): string {
  const clips =
    tier.maxClipsPerProject === null
      ? 'no clip cap'
      : `${tier.maxClipsPerProject} ${tier.maxClipsPerProject === 1 ? 'clip' : 'clips'} per project`;
  return `${tier.maxResolution} · ${tier.maxFps} fps · ${clips}`;
}
