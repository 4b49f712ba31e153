import { basename } from 'node:path';
import { COMPILE_ENCODERS, type CompileChapter, type CompileEncoder } from '@clippyfront/shared';

/** What the importer uses of an artifact's manifest.json (written by the worker's export). */
export interface IngestManifest {
  kind: 'compilation' | 'clip';
  fileName: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  durationSeconds: number | null;
  projectId: string | null;
  /** A compilation's chapters; none when absent or not a list of {startSeconds, title}. */
  chapters: CompileChapter[];
  renderSeconds: number | null;
  encoder: CompileEncoder | null;
}

const finite = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

function chaptersOf(value: unknown): CompileChapter[] {
  if (!Array.isArray(value)) return [];
  const chapters = value.flatMap((item: unknown): CompileChapter[] => {
    const chapter = item as Partial<CompileChapter> | null;
    const startSeconds = finite(chapter?.startSeconds);
    const title = typeof chapter?.title === 'string' ? chapter.title.trim() : '';
    return startSeconds !== null && title ? [{ startSeconds, title: title.slice(0, 500) }] : [];
  });
  // A list with a bad entry is not trusted at all: chapters half right mislead.
  return chapters.length === value.length ? chapters : [];
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The manifest's fields, or the reason it cannot be used. */
export function parseManifest(raw: unknown): IngestManifest | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return 'manifest.json is not a JSON object';
  }
  const value = raw as Record<string, unknown>;
  if (value.kind !== undefined && value.kind !== 'compilation' && value.kind !== 'clip') {
    return `manifest.json: unknown kind ${JSON.stringify(value.kind)}`;
  }
  const sha256 = typeof value.sha256 === 'string' ? value.sha256.toLowerCase() : null;
  if (value.sha256 !== undefined && (sha256 === null || !SHA256.test(sha256))) {
    return 'manifest.json: sha256 is not 64 hex digits';
  }
  const fileName = typeof value.fileName === 'string' ? value.fileName : null;
  // Only a name in the artifact itself, never a path out of it.
  if (fileName !== null && (basename(fileName) !== fileName || fileName.startsWith('.'))) {
    return `manifest.json: fileName ${JSON.stringify(fileName)} is not a file in the artifact`;
  }
  return {
    kind: value.kind === 'clip' ? 'clip' : 'compilation',
    fileName,
    sha256,
    sizeBytes: typeof value.sizeBytes === 'number' ? value.sizeBytes : null,
    durationSeconds: typeof value.durationSeconds === 'number' ? value.durationSeconds : null,
    projectId: typeof value.projectId === 'string' ? value.projectId : null,
    chapters: chaptersOf(value.chapters),
    renderSeconds: finite(value.renderSeconds),
    encoder: (COMPILE_ENCODERS as readonly unknown[]).includes(value.encoder)
      ? (value.encoder as CompileEncoder)
      : null,
  };
}
