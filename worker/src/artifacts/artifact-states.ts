import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactReport, JobArtifactReport } from '@clippyfront/shared';
import { DONE_SENTINEL } from './artifact-dir.js';
import { MANIFEST_FILE } from './media-artifact.js';

/**
 * The artifact-sync sidecar's markers (deploy/artifact-sync): `.DONE` → `.READY` → `.PUSHING`
 * while it pushes, `.PUSHED` (JSON `{pushedAt, target}`) once on the ingest host, `.FAILED`
 * (JSON `{failedAt, error}`) after a failed push (removed by the next successful one).
 */
export const SIDECAR_MARKERS = {
  ready: '.READY',
  pushing: '.PUSHING',
  pushed: '.PUSHED',
  failed: '.FAILED',
} as const;

/** Where the sidecar's CLEANUP_MODE=archive moves pushed directories by default. */
export const DEFAULT_ARCHIVE_DIR = '_pushed';

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function mtimeOf(path: string): Promise<Date | null> {
  return stat(path).then(
    (s) => s.mtime,
    () => null,
  );
}

const isoOr = (value: unknown, fallback: Date | null): string | null => {
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  return fallback?.toISOString() ?? null;
};

/**
 * The state of one compilation artifact directory from its manifest and markers, or null when
 * it is not one (a clip, no readable manifest, no marker: still being written or not ours).
 */
export async function readArtifactState(
  dir: string,
  name: string,
): Promise<JobArtifactReport | null> {
  const manifest = await readJson(join(dir, MANIFEST_FILE));
  if (manifest?.kind !== 'compilation' || typeof manifest.jobId !== 'string') return null;
  const jobId = manifest.jobId;
  const pushedPath = join(dir, SIDECAR_MARKERS.pushed);
  const pushedAt = await mtimeOf(pushedPath);
  if (pushedAt) {
    const pushed = await readJson(pushedPath);
    const at = isoOr(pushed?.pushedAt, pushedAt)!;
    return { jobId, name, state: 'pushed', at, error: null };
  }
  const failedPath = join(dir, SIDECAR_MARKERS.failed);
  const failedAt = await mtimeOf(failedPath);
  if (failedAt) {
    const failed = await readJson(failedPath);
    const error = typeof failed?.error === 'string' ? failed.error : 'The push failed';
    return { jobId, name, state: 'failed', at: isoOr(failed?.failedAt, failedAt)!, error };
  }
  for (const marker of [DONE_SENTINEL, SIDECAR_MARKERS.ready, SIDECAR_MARKERS.pushing]) {
    const markedAt = await mtimeOf(join(dir, marker));
    if (markedAt) {
      const at = isoOr(manifest.createdAt, markedAt)!;
      return { jobId, name, state: 'exported', at, error: null };
    }
  }
  return null;
}

/** Every compilation artifact's state under `roots` (ARTIFACTS_DIR and its archive). */
export async function scanArtifactStates(roots: string[]): Promise<JobArtifactReport[]> {
  const found: JobArtifactReport[] = [];
  for (const root of roots) {
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const state = await readArtifactState(join(root, entry.name), entry.name);
      if (state) found.push(state);
    }
  }
  return found;
}

const keyOf = (report: ArtifactReport) => `${report.state}|${report.at}|${report.error ?? ''}`;

/**
 * Which states are new since they were last sent: each artifact (by job) is reported once per
 * change. Kept in memory: after a restart every state is sent again (the API ignores repeats).
 */
export class ArtifactStateTracker {
  private readonly sent = new Map<string, string>();

  changed(states: JobArtifactReport[]): JobArtifactReport[] {
    return states.filter((state) => this.sent.get(state.jobId) !== keyOf(state));
  }

  markSent(states: JobArtifactReport[]): void {
    for (const state of states) this.sent.set(state.jobId, keyOf(state));
  }
}
