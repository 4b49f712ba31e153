import type { CompilationArtifactDto, CompilationDto } from '@clippyfront/shared';
import { compileSettingsSummary } from '../compile/compile-format';

/** Finished compilations whose video is still in the library, newest first (as listed). */
export function exportableCompilations(items: readonly CompilationDto[]): CompilationDto[] {
  return items.filter((c) => c.state === 'completed' && !!c.media && !!c.output);
}

/** "3 Dec 2026, 10:05 · 720p · 30 fps · MP4 · Standard quality" for the picker. */
export function compilationLabel(compilation: CompilationDto, locale?: string): string {
  const when = new Date(compilation.finishedAt ?? compilation.createdAt).toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${when} · ${compileSettingsSummary(compilation.settings)}`;
}

export type ArtifactStateKey = 'none' | CompilationArtifactDto['state'];

export const ARTIFACT_STATE_LABELS: Record<ArtifactStateKey, string> = {
  none: 'Not exported',
  exported: 'Exported',
  pushed: 'Pushed to the ingest host',
  failed: 'Failed',
};

/** What the Export step says of the compilation's artifact (ARTIFACTS_DIR and the sidecar). */
export function artifactState(artifact: CompilationArtifactDto | null): {
  key: ArtifactStateKey;
  label: string;
  detail: string | null;
} {
  if (!artifact) {
    return { key: 'none', label: ARTIFACT_STATE_LABELS.none, detail: null };
  }
  const parts = [
    artifact.name,
    artifact.worker && `worker ${artifact.worker}`,
    artifact.error,
  ].filter((part): part is string => !!part);
  return {
    key: artifact.state,
    label: ARTIFACT_STATE_LABELS[artifact.state],
    detail: parts.length ? parts.join(' · ') : null,
  };
}

/** The thumbnail's download name: the video's, with `.jpg`. */
export function thumbnailFileName(videoName: string): string {
  return `${videoName.replace(/\.[^.]+$/, '') || 'thumbnail'}.jpg`;
}
