import { basename } from 'node:path';

/** What the importer uses of an artifact's manifest.json (written by the worker's export). */
export interface IngestManifest {
  kind: 'compilation' | 'clip';
  fileName: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  durationSeconds: number | null;
  projectId: string | null;
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
  };
}
