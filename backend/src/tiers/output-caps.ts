import { ForbiddenException } from '@nestjs/common';
import {
  COMPILE_FPS,
  COMPILE_RESOLUTIONS,
  type CompileSettingsDto,
  type UserRole,
  type WatermarkOverride,
} from '@clippyfront/shared';
import type { TierEntity } from './tier.entity.js';

type Caps = Pick<TierEntity, 'name' | 'unlimited' | 'maxResolution' | 'maxFps'>;

/**
 * The compile settings within the tier's max resolution and frame rate: each lowered to the
 * cap, never raised (a cap below every offered frame rate keeps the one asked for if it is
 * the lowest). `note`: what was lowered, for the job log; null when nothing was.
 */
export function capOutput(
  settings: CompileSettingsDto,
  tier: Caps | null,
): { settings: CompileSettingsDto; note: string | null } {
  if (!tier || tier.unlimited) return { settings, note: null };
  const rank = (value: string) => (COMPILE_RESOLUTIONS as readonly string[]).indexOf(value);
  const resolution =
    rank(settings.resolution) > rank(tier.maxResolution) ? tier.maxResolution : settings.resolution;
  const allowed = COMPILE_FPS.filter((fps) => fps <= tier.maxFps);
  const fps =
    settings.fps > tier.maxFps
      ? (allowed.at(-1) ?? Math.min(settings.fps, COMPILE_FPS[0]))
      : settings.fps;
  const lowered = [
    resolution !== settings.resolution && `${settings.resolution} → ${resolution}`,
    fps !== settings.fps && `${settings.fps} → ${fps} fps`,
  ].filter(Boolean);
  if (!lowered.length) return { settings, note: null };
  return {
    settings: { ...settings, resolution, fps: fps as CompileSettingsDto['fps'] },
    note: `Tier limit (${tier.name}): output lowered, ${lowered.join(', ')}`,
  };
}

/**
 * Whether a compile carries the watermark: a per-user override decides first ("never" → none,
 * "always" → on); otherwise admins and an unlimited tier get none, another tier its own
 * setting, and a user without a tier gets it.
 */
export function watermarkFor(
  user: { role: UserRole; watermarkOverride: WatermarkOverride },
  tier: Pick<TierEntity, 'unlimited' | 'watermark'> | null,
): boolean {
  if (user.watermarkOverride === 'never') return false;
  if (user.watermarkOverride === 'always') return true;
  if (user.role === 'admin') return false;
  if (!tier) return true;
  return !tier.unlimited && tier.watermark;
}

export class ClipCapExceededException extends ForbiddenException {
  constructor(tier: TierEntity, clipCount: number) {
    const cap = tier.maxClipsPerProject!;
    super({
      statusCode: 403,
      message:
        `Your plan (${tier.name}) allows ${cap} clip(s) per compilation; this timeline has ` +
        `${clipCount}. Take ${clipCount - cap} off the timeline in the Arrange step`,
      maxClipsPerProject: cap,
      clipCount,
    });
  }
}

/** Over the tier's max clips per project: refused, not cut (the SPA says so before Compile). */
export function assertClipCap(tier: TierEntity | null, clipCount: number): void {
  const cap = tier && !tier.unlimited ? tier.maxClipsPerProject : null;
  if (cap !== null && clipCount > cap) throw new ClipCapExceededException(tier!, clipCount);
}
