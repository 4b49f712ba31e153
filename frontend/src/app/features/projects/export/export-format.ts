import type {
  CompilationArtifactDto,
  CompilationDto,
  CompilationImportDto,
} from '@clippyfront/shared';
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
  const what = compilation.imported
    ? `imported from worker ${compilation.imported.workerId}`
    : compileSettingsSummary(compilation.settings);
  return `${when} · ${what}`;
}

export type ArtifactStateKey = 'none' | 'imported' | CompilationArtifactDto['state'];

export const ARTIFACT_STATE_LABELS: Record<ArtifactStateKey, string> = {
  none: 'Not exported',
  imported: 'Imported',
  exported: 'Exported',
  pushed: 'Pushed to the ingest host',
  failed: 'Failed',
};

/**
 * What the Export step says of the compilation's artifact (ARTIFACTS_DIR and the sidecar), or,
 * for one the ingest importer took in, where it came from.
 */
export function artifactState(
  artifact: CompilationArtifactDto | null,
  imported: CompilationImportDto | null = null,
): {
  key: ArtifactStateKey;
  label: string;
  detail: string | null;
} {
  if (imported) {
    return {
      key: 'imported',
      label: `Imported from worker ${imported.workerId}`,
      detail: imported.artifact || null,
    };
  }
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
