import type { HealthAnswer, SystemWorkerDto } from '@clippyfront/shared';
import type { ApiSnapshot } from '../api/api-client.js';
import type { PollState } from '../api/poller.js';
import { column, formatAgo, formatClock, formatDuration, progressBar, shortId } from './format.js';
import { plain, type Row, type Segment } from './segments.js';

export interface StatusRowsOptions {
  apiUrl: string;
  now: Date;
  /** Rows of workers and of running jobs shown at most (each list says how many more). */
  maxListRows?: number;
}

const upColor = (status: string): Segment['color'] =>
  status === 'up' || status === 'ok' || status === 'embedded'
    ? 'green'
    : status === 'not-configured'
      ? 'gray'
      : status === 'degraded'
        ? 'yellow'
        : 'red';

function healthRow(health: HealthAnswer): Row {
  const row: Row = [
    { text: 'Health ', bold: true },
    { text: health.status, color: upColor(health.status), bold: true },
  ];
  if (!health.detailed) {
    if (health.database)
      row.push(plain(' · database '), {
        text: health.database.status,
        color: upColor(health.database.status),
      });
    if (health.redis)
      row.push(plain(' · redis '), {
        text: health.redis.status,
        color: upColor(health.redis.status),
      });
    return row;
  }
  row.push(
    plain(' · database '),
    {
      text: `${health.database.status} (${health.database.mode})`,
      color: upColor(health.database.status),
    },
    plain(' · redis '),
    { text: health.redis.status, color: upColor(health.redis.status) },
    plain(` · jobs ${health.jobs.mode} · ffmpeg `),
    health.ffmpeg.available
      ? {
          text: `${health.ffmpeg.version ?? 'found'}${health.ffmpeg.encoder ? ` (${health.ffmpeg.encoder.encoder})` : ''}`,
          color: 'green',
        }
      : { text: 'missing', color: 'red' },
  );
  const problems = [health.database.error, health.redis.error].filter(Boolean);
  if (problems.length) row.push({ text: ` — ${problems.join('; ')}`, color: 'red' });
  return row;
}

function workerRows(
  workers: SystemWorkerDto[],
  snapshot: ApiSnapshot,
  options: StatusRowsOptions,
): Row[] {
  const max = options.maxListRows ?? 5;
  const rows: Row[] = [[{ text: `Workers online: ${workers.length}`, bold: true }]];
  if (!workers.length)
    return [...rows, [{ text: '  none: nothing will run queued jobs', color: 'yellow' }]];
  const width = Math.min(28, Math.max(4, ...workers.map((worker) => worker.name.length)));
  rows.push([
    {
      text: `  ${column('NAME', width)}  ${column('QUEUES', 12)}  ${column('ENCODER', 10)}  ${column('CURRENT JOB', 30)}  LAST SEEN`,
      dim: true,
    },
  ]);
  for (const worker of workers.slice(0, max)) {
    const jobs = snapshot.admin?.running.filter((job) => job.workerId === worker.workerId) ?? [];
    const current = jobs.length
      ? `${jobs[0]!.kind} ${shortId(jobs[0]!.id)} ${Math.round(jobs[0]!.progress)}%${jobs.length > 1 ? ` +${jobs.length - 1}` : ''}`
      : worker.currentJobs
        ? `${worker.currentJobs} job(s)`
        : 'idle';
    rows.push([
      plain(`  ${column(worker.name, width)}  ${column(worker.queues.join(','), 12)}  `),
      {
        text: column(worker.encoder?.encoder ?? '—', 10),
        color: worker.encoder?.encoder === 'h264_nvenc' ? 'green' : undefined,
      },
      plain('  '),
      { text: column(current, 30), color: current === 'idle' ? 'gray' : 'cyan' },
      plain(`  ${formatAgo(worker.lastSeenAt, options.now)}`),
    ]);
  }
  if (workers.length > max)
    rows.push([{ text: `  … and ${workers.length - max} more`, dim: true }]);
  return rows;
}

function runningRows(snapshot: ApiSnapshot, options: StatusRowsOptions): Row[] {
  const admin = snapshot.admin!;
  const max = options.maxListRows ?? 5;
  const total = admin.jobCounts.running;
  const rows: Row[] = [[{ text: `Running jobs: ${total}`, bold: true }]];
  const names = new Map(admin.system.workers.map((worker) => [worker.workerId, worker.name]));
  for (const job of admin.running.slice(0, max)) {
    const started = job.startedAt
      ? formatDuration((options.now.getTime() - new Date(job.startedAt).getTime()) / 1000)
      : '—';
    rows.push([
      plain(
        `  ${column(job.kind, 9)} ${shortId(job.id)}  ${column(job.ownerUsername ?? 'system', 12)}  ${column(job.queue, 6)} `,
      ),
      { text: progressBar(job.progress), color: 'cyan' },
      plain(`  ${started}  on ${job.workerId ? (names.get(job.workerId) ?? job.workerId) : '—'}`),
    ]);
  }
  if (total > Math.min(max, admin.running.length))
    rows.push([{ text: `  … and ${total - Math.min(max, admin.running.length)} more`, dim: true }]);
  return rows;
}

/** The status pane's lines, from the last poll (kept, marked stale, while the API is down). */
export function statusRows(state: PollState<ApiSnapshot>, options: StatusRowsOptions): Row[] {
  const rows: Row[] = [];
  const snapshot = state.data;
  if (state.error) {
    rows.push([
      { text: `API unreachable: ${state.error} — retrying`, color: 'red', bold: true },
      ...(state.at ? [{ text: ` (showing ${formatClock(state.at)})`, dim: true }] : []),
    ]);
  } else if (!snapshot) {
    return [[{ text: `Connecting to ${options.apiUrl} …`, color: 'yellow' }]];
  }
  if (!snapshot) return rows;
  const health = snapshot.health;
  const system = snapshot.admin?.system;
  rows.push([
    { text: `API ${options.apiUrl}`, bold: true },
    plain(
      system
        ? ` · v${system.version} · up ${formatDuration(system.uptimeSeconds)}`
        : health.detailed
          ? ` · v${health.version} · up ${formatDuration(health.uptimeSeconds)}`
          : '',
    ),
    { text: state.at ? ` · updated ${formatClock(state.at)}` : '', dim: true },
  ]);
  rows.push(healthRow(health));
  if (!snapshot.admin) {
    rows.push([
      { text: `Admin details unavailable: ${snapshot.adminError ?? 'unknown'}`, color: 'yellow' },
    ]);
    return rows;
  }
  const { jobCounts } = snapshot.admin;
  rows.push([
    { text: 'Projects ', bold: true },
    plain(`${snapshot.admin.projects}  `),
    { text: 'Jobs ', bold: true },
    plain(
      `queued ${jobCounts.queued} · running ${jobCounts.running} · completed ${jobCounts.completed} · `,
    ),
    { text: `failed ${jobCounts.failed}`, color: jobCounts.failed ? 'red' : undefined },
    plain(` · cancelled ${jobCounts.cancelled}`),
  ]);
  rows.push([
    { text: 'Queues ', bold: true },
    ...snapshot.admin.system.queues.flatMap((queue, i): Segment[] => [
      plain(`${i ? ' · ' : ''}${queue.name}: ${queue.waiting} waiting, ${queue.active} active, `),
      { text: `${queue.failed} failed`, color: queue.failed ? 'red' : undefined },
    ]),
  ]);
  rows.push(...workerRows(snapshot.admin.system.workers, snapshot, options));
  rows.push(...runningRows(snapshot, options));
  return rows;
}
