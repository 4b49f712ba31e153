import type { JobKind } from '@clippyfront/shared';
import type { JobHandler } from './job-context.js';
import { compileHandler } from './compile.handler.js';
import { downloadHandler } from './download.handler.js';
import { probeHandler } from './probe.handler.js';
import { thumbnailHandler } from './thumbnail.handler.js';

/** One handler per job kind; the compiler insists every kind has one. */
export const JOB_HANDLERS: { [K in JobKind]: JobHandler<K> } = {
  probe: probeHandler,
  thumbnail: thumbnailHandler,
  download: downloadHandler,
  compile: compileHandler,
};

export type { JobContext, JobHandler } from './job-context.js';
export type { JobMediaAccess, MediaInput } from './media-access.js';
