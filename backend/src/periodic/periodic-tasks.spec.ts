import { loadAppConfig } from '../config/app-config.js';
import { PERIODIC_TASKS, stallSweepMs } from './periodic-tasks.js';

const base = { CLIPPY_INSTANCE_PATH: '/tmp/clippyfront-periodic-spec' };

function intervals(env: Record<string, string> = {}) {
  const config = loadAppConfig({ ...base, ...env });
  return Object.fromEntries(PERIODIC_TASKS.map((task) => [task.name, task.everyMs(config)]));
}

describe('PERIODIC_TASKS', () => {
  it('lists every periodic task once, each with its interval from the settings of today', () => {
    expect(intervals()).toEqual({
      'session-sweep': 3_600_000,
      // WORKER_HEARTBEAT_TIMEOUT_SECONDS 15 / 3
      'job-stall-sweep': 5_000,
      'upload-expiry': 3_600_000,
      'worker-upload-expiry': 3_600_000,
      'avatar-prune': 3_600_000,
      'automation-scheduler': 60_000,
      'automation-runs': 2_000,
      // Off: no ARTIFACTS_DIR.
      'artifact-report': 0,
      // Off until INGEST_IMPORT_ENABLED.
      'ingest-scan': 0,
    });
  });

  it('takes the intervals from AUTOMATION_* and INGEST_IMPORT_* (0 turns the scheduler off)', () => {
    const root = '/tmp/clippyfront-periodic-ingest';
    expect(
      intervals({
        AUTOMATION_TICK_SECONDS: '0',
        AUTOMATION_RUN_POLL_SECONDS: '7',
        INGEST_IMPORT_ENABLED: 'true',
        INGEST_ROOT: root,
        INGEST_IMPORT_USERNAME: 'admin',
        INGEST_IMPORT_PROJECT: 'Imports',
        INGEST_IMPORT_INTERVAL_SECONDS: '30',
      }),
    ).toMatchObject({ 'automation-scheduler': 0, 'automation-runs': 7_000, 'ingest-scan': 30_000 });
  });

  it('reads artifact markers only for in-process jobs with ARTIFACTS_DIR (workers report their own)', () => {
    const artifacts = { ARTIFACTS_DIR: '/tmp/clippyfront-periodic-artifacts' };
    expect(intervals(artifacts)['artifact-report']).toBe(30_000);
    expect(intervals({ ...artifacts, ARTIFACT_REPORT_SECONDS: '5' })['artifact-report']).toBe(
      5_000,
    );
    const withRedis = { REDIS_URL: 'redis://127.0.0.1:6379', WORKER_API_KEY: 'k'.repeat(32) };
    expect(intervals({ ...artifacts, ...withRedis })['artifact-report']).toBe(0);
  });

  it('sweeps stalls at most every 15 s, sooner for short stall or heartbeat limits, never under 1 s', () => {
    const sweep = (env: Record<string, string>) => stallSweepMs(loadAppConfig({ ...base, ...env }));
    expect(sweep({ WORKER_HEARTBEAT_TIMEOUT_SECONDS: '300' })).toBe(15_000);
    expect(sweep({ WORKER_HEARTBEAT_TIMEOUT_SECONDS: '300', JOB_STALL_SECONDS: '6' })).toBe(3_000);
    expect(sweep({ WORKER_HEARTBEAT_TIMEOUT_SECONDS: '3' })).toBe(1_000);
  });
});
