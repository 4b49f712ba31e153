import {
  COMPILE_FPS,
  COMPILE_RESOLUTIONS,
  type CompileFps,
  type CompileResolution,
  type CompileSettingsDto,
} from '@clippyfront/shared';
import { formatTimeAmount } from '../../../shared/units';
import { formatClock } from '../../media/media-format';

/** The plan's output caps; the API lowers a compile above them to them. */
export interface OutputCaps {
  maxResolution: CompileResolution;
  maxFps: number;
}

const rank = (resolution: CompileResolution) => COMPILE_RESOLUTIONS.indexOf(resolution);

export function resolutionAllowed(resolution: CompileResolution, caps: OutputCaps | null): boolean {
  return !caps || rank(resolution) <= rank(caps.maxResolution);
}

/** Frame rates up to the cap; below the lowest choice, the lowest (the API lowers it further). */
export function fpsAllowed(fps: number, caps: OutputCaps | null): boolean {
  return !caps || fps <= caps.maxFps || (fps === COMPILE_FPS[0] && caps.maxFps < fps);
}

/** The settings lowered to the highest resolution and frame rate the caps allow. */
export function capSettings(
  settings: CompileSettingsDto,
  caps: OutputCaps | null,
): CompileSettingsDto {
  if (!caps) return settings;
  const resolution = resolutionAllowed(settings.resolution, caps)
    ? settings.resolution
    : caps.maxResolution;
  const fps = fpsAllowed(settings.fps, caps)
    ? settings.fps
    : ([...COMPILE_FPS].reverse().find((value) => fpsAllowed(value, caps)) as CompileFps);
  return { ...settings, resolution, fps };
}

/** Whether some choice is above the caps (then the form says what the plan allows). */
export function capsLimitChoices(caps: OutputCaps | null): boolean {
  return (
    !!caps &&
    (COMPILE_RESOLUTIONS.some((r) => !resolutionAllowed(r, caps)) ||
      COMPILE_FPS.some((f) => !fpsAllowed(f, caps)))
  );
}

/** Why the plan refuses this many clips; null when it allows them. */
export function clipCapReason(
  maxClips: number | null | undefined,
  clipCount: number,
): string | null {
  if (maxClips == null || clipCount <= maxClips) return null;
  return `Your plan allows ${maxClips} ${maxClips === 1 ? 'clip' : 'clips'} per project; this timeline has ${clipCount}.`;
}

/** Why the plan refuses a compile this long; null when the render time left covers it. */
export function renderQuotaReason(estimateSeconds: number | null, leftSeconds: number | null) {
  if (estimateSeconds === null || leftSeconds === null || estimateSeconds <= leftSeconds) {
    return null;
  }
  return `This compile is about ${formatClock(estimateSeconds) ?? '0:00'} long, but your plan has ${formatTimeAmount(leftSeconds)} of render time left this month.`;
}
