import { SessionsRepository } from '../auth/sessions.repository.js';
import { AutomationRunner } from '../automation/automation-runner.service.js';
import { AutomationSchedulerService } from '../automation/automation-scheduler.service.js';
import { AvatarsService } from '../avatars/avatars.service.js';
import { EmbeddedArtifactReporter } from '../compilations/embedded-artifact-reporter.service.js';
import type { AppConfig } from '../config/app-config.js';
import { IngestService } from '../ingest/ingest.service.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { TusUploadService } from '../media/tus-upload.service.js';
import { WorkerUploadsService } from '../worker-api/worker-uploads.service.js';
import { periodicTask, type PeriodicTask } from './periodic-task.js';

const HOUR_MS = 3_600_000;

/**
 * Often enough that a stalled job (JOB_STALL_SECONDS) or a silent worker
 * (WORKER_HEARTBEAT_TIMEOUT_SECONDS) is noticed soon after: at most every 15 s, at least every 1 s.
 */
export function stallSweepMs({ jobs }: AppConfig): number {
  const everySeconds = Math.min(15, jobs.stallSeconds / 2, jobs.heartbeatTimeoutSeconds / 3);
  return Math.max(1, everySeconds) * 1000;
}

/**
 * Every piece of work the API does on a timer. Each runs at most once at a time in this process
 * (a tick while the last run goes on is skipped); work that only one API process may do at a
 * time makes sure of that itself (the scheduler's conditional claim, the ingest scan's lock).
 */
export const PERIODIC_TASKS: readonly PeriodicTask[] = [
  periodicTask({
    name: 'session-sweep',
    description: 'Deletes expired sessions (they never authenticate; this keeps the table small)',
    service: SessionsRepository,
    everyMs: () => HOUR_MS,
    atStart: true,
    run: (sessions) => sessions.deleteExpired(),
  }),
  periodicTask({
    name: 'job-stall-sweep',
    description:
      'Puts stalled jobs (and those of workers whose heartbeats stopped) back in the queue, ' +
      'and delivers again queued jobs the queue lost',
    service: JobQueueService,
    everyMs: stallSweepMs,
    setting: 'JOB_STALL_SECONDS, WORKER_HEARTBEAT_TIMEOUT_SECONDS',
    run: (queue) => queue.sweep(),
  }),
  periodicTask({
    name: 'upload-expiry',
    description: 'Removes unfinished tus uploads a day after they started',
    service: TusUploadService,
    everyMs: () => HOUR_MS,
    atStart: true,
    run: async (uploads) => removedNote(await uploads.removeExpired(), 'upload'),
  }),
  periodicTask({
    name: 'worker-upload-expiry',
    description: 'Removes unfinished worker (tus) uploads a day after they started',
    service: WorkerUploadsService,
    everyMs: () => HOUR_MS,
    run: async (uploads) => removedNote(await uploads.removeExpired(), 'worker upload'),
  }),
  periodicTask({
    name: 'avatar-prune',
    description:
      'Keeps the newest AVATARS_KEEP downloaded avatars per creator (those a clip names stay)',
    service: AvatarsService,
    everyMs: () => HOUR_MS,
    run: async (avatars) => {
      const { deleted } = await avatars.cleanup();
      if (deleted.length) return `Pruned ${deleted.length} cached avatar(s)`;
    },
  }),
  periodicTask({
    name: 'automation-scheduler',
    description: 'Starts a run of every due automation schedule (0 turns it off)',
    service: AutomationSchedulerService,
    everyMs: (config) => config.automation.tickSeconds * 1000,
    setting: 'AUTOMATION_TICK_SECONDS',
    run: async (scheduler) => {
      const { started } = await scheduler.tick();
      if (started.length) return `Started ${started.length} scheduled run(s)`;
    },
  }),
  periodicTask({
    name: 'automation-runs',
    description: 'Takes the automation runs no live API process holds and moves them on',
    service: AutomationRunner,
    everyMs: (config) => config.automation.runPollSeconds * 1000,
    setting: 'AUTOMATION_RUN_POLL_SECONDS',
    atStart: true,
    run: (runner) => runner.poll(),
  }),
  periodicTask({
    name: 'artifact-report',
    description:
      'Records the artifact-sync markers of compilations exported by in-process jobs ' +
      '(without Redis, with ARTIFACTS_DIR; separate workers report their own)',
    service: EmbeddedArtifactReporter,
    everyMs: ({ redis, download, jobs }) =>
      !redis.url && download.artifacts ? jobs.artifactReportSeconds * 1000 : 0,
    setting: 'ARTIFACT_REPORT_SECONDS',
    run: (reporter) => reporter.round(),
  }),
  periodicTask({
    name: 'ingest-scan',
    description:
      'Imports the compiled outputs workers pushed to INGEST_ROOT (while the importer is on)',
    service: IngestService,
    everyMs: ({ ingest }) => (ingest.enabled ? ingest.intervalSeconds * 1000 : 0),
    setting: 'INGEST_IMPORT_INTERVAL_SECONDS',
    announce: ({ ingest }) =>
      `Ingest importer on: ${ingest.root} every ${ingest.intervalSeconds} s ` +
      `into ${ingest.username}'s project "${ingest.project}"`,
    run: async (ingest) => {
      const { counts } = await ingest.scanWithSettings();
      if (counts.imported || counts.failed) {
        return `Ingest scan: ${counts.imported} imported, ${counts.failed} failed, ${counts.waiting} waiting`;
      }
    },
  }),
];

function removedNote(removed: number, noun: string): string | undefined {
  return removed ? `Removed ${removed} expired unfinished ${noun}(s)` : undefined;
}
