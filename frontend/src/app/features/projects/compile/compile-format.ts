import {
  COMPILE_FORMATS,
  COMPILE_FPS,
  COMPILE_QUALITIES,
  COMPILE_RESOLUTIONS,
  type CompileEncoder,
  type CompileFormat,
  type CompileQuality,
  type CompileResolution,
  type CompilationDto,
  type CompileSettingsDto,
  type JobState,
} from '@clippyfront/shared';
import { formatClock } from '../../media/media-format';

export const COMPILE_RESOLUTION_LABELS: Record<CompileResolution, string> = {
  '720p': '720p (1280×720)',
  '1080p': '1080p (1920×1080)',
  '1440p': '1440p (2560×1440)',
  '2160p': '2160p / 4K (3840×2160)',
};

export const COMPILE_FORMAT_NAMES: Record<CompileFormat, string> = {
  mp4: 'MP4',
  webm: 'WebM',
  mkv: 'MKV',
};

export const COMPILE_FORMAT_LABELS: Record<CompileFormat, string> = {
  mp4: 'MP4 (H.264)',
  webm: 'WebM (VP9, slower)',
  mkv: 'MKV (H.264)',
};

export const COMPILE_QUALITY_LABELS: Record<CompileQuality, string> = {
  high: 'High',
  standard: 'Standard',
  small: 'Small file',
};

export const COMPILE_QUALITY_HINTS: Record<CompileQuality, string> = {
  high: 'Best picture, largest file',
  standard: 'Good picture, moderate size',
  small: 'Smallest file, softer picture',
};

export const ENCODER_LABELS: Record<CompileEncoder, string> = {
  h264_nvenc: 'NVENC (GPU)',
  libx264: 'x264 (CPU)',
  'libvpx-vp9': 'VP9 (CPU)',
};

export const RESOLUTION_OPTIONS = COMPILE_RESOLUTIONS.map((value) => ({
  value,
  label: COMPILE_RESOLUTION_LABELS[value],
}));
export const FPS_OPTIONS = COMPILE_FPS.map((value) => ({ value, label: `${value} fps` }));
export const FORMAT_OPTIONS = COMPILE_FORMATS.map((value) => ({
  value,
  label: COMPILE_FORMAT_LABELS[value],
}));
export const QUALITY_OPTIONS = COMPILE_QUALITIES.map((value) => ({
  value,
  label: COMPILE_QUALITY_LABELS[value],
}));

/** `720p · 30 fps · MP4 · Standard quality`; an import (no settings): `Imported`. */
export function compileSettingsSummary(settings: CompileSettingsDto | null): string {
  if (!settings) return 'Imported';
  const quality = COMPILE_QUALITY_LABELS[settings.quality] ?? settings.quality;
  const format = COMPILE_FORMAT_NAMES[settings.format] ?? 'MP4';
  return `${settings.resolution} · ${settings.fps} fps · ${format} · ${quality} quality`;
}

/** A YouTube chapter timestamp: `00:00`, `01:05`, `1:02:03`. */
export function chapterTime(seconds: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

/** `2 clips · 0:04`, `1 clip · 0:30`, `No clips`. */
export function timelineSummary(count: number, totalSeconds: number): string {
  if (count === 0) return 'No clips';
  return `${count} ${count === 1 ? 'clip' : 'clips'} · ${formatClock(totalSeconds) ?? '0:00'}`;
}

/**
 * What the render is doing, from the job's log: its newest line ("Processing clip 2/4: …",
 * "Concatenating: … (2 of 6)"); before the worker wrote any, what the state says.
 */
export function compileStage(state: JobState, log: readonly string[] | null | undefined): string {
  const last = log?.findLast((line) => line.trim() !== '')?.trim();
  if (last) return last;
  return state === 'queued' ? 'Waiting for a worker…' : 'Starting…';
}

/** Render time: `45 s`, `2 min 5 s`. */
export function formatRenderTime(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}

/** A compilation rendered here (has its job and settings), as opposed to an import. */
export type RenderedCompilation = CompilationDto & { jobId: string; settings: CompileSettingsDto };

export function isRender(compilation: CompilationDto): compilation is RenderedCompilation {
  return compilation.jobId !== null && compilation.settings !== null;
}

/** The Compile step's list: renders only (imports have no job to follow, cancel or retry). */
export function rendersOf(items: readonly CompilationDto[]): RenderedCompilation[] {
  return items.filter(isRender);
}
