import type { JobKind } from '@clippyfront/shared';
import type { JobHandler } from './job-context.js';
import { probeHandler } from './probe.handler.js';

/** One handler per job kind; the compiler insists every kind has one. */
export const JOB_HANDLERS: { [K in JobKind]: JobHandler<K> } = {
  probe: probeHandler,
};

export type { JobContext, JobHandler } from './job-context.js';
