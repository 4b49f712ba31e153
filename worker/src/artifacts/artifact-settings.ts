/** Where finished jobs are exported for the artifact-sync sidecar (`deploy/artifact-sync/`). */
export interface ArtifactSettings {
  /** ARTIFACTS_DIR, absolute; created when missing. */
  dir: string;
  /** The manifests' `worker`: WORKER_NAME on a worker, "embedded" inside the API. */
  worker: string;
}

/** The manifests' `worker` for jobs run inside the API process. */
export const EMBEDDED_WORKER_NAME = 'embedded';
