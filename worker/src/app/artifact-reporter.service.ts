import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MAX_ARTIFACT_REPORTS } from '@clippyfront/shared';
import {
  ArtifactStateTracker,
  DEFAULT_ARCHIVE_DIR,
  scanArtifactStates,
} from '../artifacts/artifact-states.js';
import { ApiClient } from './api-client.js';
import { WORKER_IDENTITY, type WorkerIdentity } from './worker-identity.js';
import { WORKER_CONFIG, type WorkerConfig } from './worker-config.js';

/**
 * With ARTIFACTS_DIR: every ARTIFACT_REPORT_SECONDS, reads the artifact-sync sidecar's markers of
 * the compilations this worker exported and tells the API what changed (exported, pushed,
 * failed push), so the Export step shows it. A round the API misses is sent again next round.
 */
@Injectable()
export class ArtifactReporterService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ArtifactReporterService.name);
  private readonly tracker = new ArtifactStateTracker();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failing = false;

  constructor(
    private readonly api: ApiClient,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_IDENTITY) private readonly identity: WorkerIdentity,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.download.artifacts) return;
    this.timer = setInterval(() => void this.round(), this.config.artifactReportSeconds * 1000);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One scan and report; never throws. */
  async round(): Promise<void> {
    const artifacts = this.config.download.artifacts;
    if (!artifacts || this.running) return;
    this.running = true;
    try {
      const roots = [artifacts.dir, join(artifacts.dir, DEFAULT_ARCHIVE_DIR)];
      const changed = this.tracker.changed(await scanArtifactStates(roots));
      for (let i = 0; i < changed.length; i += MAX_ARTIFACT_REPORTS) {
        const batch = changed.slice(i, i + MAX_ARTIFACT_REPORTS);
        await this.api.reportArtifacts({ workerId: this.identity.id, reports: batch });
        this.tracker.markSent(batch);
      }
      if (this.failing) this.logger.log('Artifact states reach the API again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(`Reporting artifact states failed: ${(error as Error).message}`);
      }
      this.failing = true;
    } finally {
      this.running = false;
    }
  }
}
