/** The ingest importer: artifacts pushed by remote workers into INGEST_ROOT/<worker>/<artifact>/. */

export const INGEST_ACTIONS = ['copy', 'move', 'link'] as const;
/** copy: the source stays; move: removed once imported; link: a hard link (same file system). */
export type IngestAction = (typeof INGEST_ACTIONS)[number];

/**
 * What a scan did with one artifact file: `imported` now; `skipped` (already imported, not
 * matching, or a dry run's `would import`); `waiting` (still arriving); `failed` (with why).
 */
export const INGEST_STATES = ['imported', 'skipped', 'waiting', 'failed'] as const;
export type IngestState = (typeof INGEST_STATES)[number];

/** The settings in effect (INGEST_IMPORT_*, INGEST_ROOT). */
export interface IngestSettingsDto {
  enabled: boolean;
  root: string | null;
  username: string | null;
  project: string | null;
  createProject: boolean;
  pattern: string;
  action: IngestAction;
  stableSeconds: number;
  /** Empty: every worker folder under the root. */
  workerIds: string[];
  intervalSeconds: number;
}

export interface IngestArtifactDto {
  workerId: string;
  /** The artifact directory's name. */
  artifact: string;
  /** The media file in it; null when the directory itself was judged (waiting, no match). */
  file: string | null;
  state: IngestState;
  /** Why it was skipped, waits or failed; null when imported. */
  reason: string | null;
  /** `compilation` or `clip` (from manifest.json; compilation without one). */
  mediaType: 'compilation' | 'clip';
  sha256: string | null;
  /** The library media it became (imported now or before). */
  mediaId: string | null;
}

export interface IngestScanResultDto {
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  counts: Record<IngestState, number>;
  artifacts: IngestArtifactDto[];
}

/** One import remembered in the database (artifact path + sha256, imported exactly once). */
export interface IngestImportDto {
  path: string;
  sha256: string;
  mediaId: string;
  projectId: string | null;
  importedAt: string;
}

/** `GET /api/admin/ingest`. */
export interface IngestStatusDto {
  settings: IngestSettingsDto;
  /** The last scan of any API process (null: none yet). */
  lastScan: IngestScanResultDto | null;
  /** Every import ever made, and the newest of them. */
  importedTotal: number;
  recentImports: IngestImportDto[];
}
