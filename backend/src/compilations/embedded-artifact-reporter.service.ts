import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ArtifactStateTracker, DEFAULT_ARCHIVE_DIR, scanArtifactStates } from '@clippyfront/worker';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JOB_DISPATCHER, type JobDispatcher } from '../jobs/job-dispatcher.js';
import { CompilationsService } from './compilations.service.js';

/**
 * Embedded mode (jobs run in this process) with ARTIFACTS_DIR: what a worker's artifact reporter
 * does, here. Every ARTIFACT_REPORT_SECONDS the artifact-sync sidecar's markers of the exported
 * compilations are read and what changed (pushed, failed push) is stored for the Export step.
 * Run by the periodic task `artifact-report`.
 */
@Injectable()
export class EmbeddedArtifactReporter {
  private readonly tracker = new ArtifactStateTracker();

  constructor(
    private readonly compilations: CompilationsService,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this process reports artifact states (in-process jobs with ARTIFACTS_DIR). */
  get enabled(): boolean {
    return this.dispatcher.mode === 'in-process' && !!this.config.download.artifacts;
  }

  /**
   * One scan and record. Run only by the periodic task runner, which never overlaps runs and logs
   * and keeps a failure (Admin → System); what failed to be recorded is tried again next time.
   */
  async round(): Promise<void> {
    const artifacts = this.config.download.artifacts;
    if (!this.enabled || !artifacts) return;
    const roots = [artifacts.dir, join(artifacts.dir, DEFAULT_ARCHIVE_DIR)];
    const changed = this.tracker.changed(await scanArtifactStates(roots));
    if (changed.length) {
      await this.compilations.recordEmbeddedArtifacts(changed);
      this.tracker.markSent(changed);
    }
  }
}
