import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  QUEUE_NAMES,
  type DiskFolder,
  type QueueStatsDto,
  type SystemInfoDto,
  type ToolVersionDto,
} from '@clippyfront/shared';
import { defaultBinDirs, resolveBinary } from '@clippyfront/worker';
import { within } from '../common/within.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import { HealthService } from '../health/health.service.js';
import { JOB_DISPATCHER, type JobDispatcher } from '../jobs/job-dispatcher.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { PeriodicTasksService } from '../periodic/periodic-tasks.service.js';
import { folderUsage, freeSpace } from './disk-usage.js';
import { readVersion } from './tool-versions.js';

/** How long the folder sizes may take before the answer says they are partial. */
export const DISK_SCAN_MS = 3000;
const QUERY_TIMEOUT_MS = 2000;

/** Everything Admin → System shows, gathered from the database, Redis, disk and binaries. */
@Injectable()
export class AdminSystemService {
  private tools?: Promise<SystemInfoDto['tools']>;

  constructor(
    private readonly health: HealthService,
    private readonly ffmpeg: FfmpegService,
    private readonly jobs: JobsRepository,
    private readonly periodic: PeriodicTasksService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async info(): Promise<SystemInfoDto> {
    const report = await this.health.check();
    const [database, bull, tableCounts, running, disk, tools] = await Promise.all([
      this.database(report.database.status, report.database.error),
      this.bullStats(),
      report.database.status === 'up' ? this.jobs.countsByQueue() : Promise.resolve([]),
      report.database.status === 'up' ? this.jobs.runningByWorker() : Promise.resolve(new Map()),
      this.disk(),
      this.toolVersions(),
    ]);
    const count = (queue: string, state: string) =>
      tableCounts.find((row) => row.queue === queue && row.state === state)?.count ?? 0;
    const queues: QueueStatsDto[] = QUEUE_NAMES.map((name) => {
      const fromBull = 'queues' in bull ? bull.queues[name] : null;
      return {
        name,
        waiting: fromBull ? fromBull.waiting : count(name, 'queued'),
        active: fromBull ? fromBull.active : count(name, 'running'),
        failed: count(name, 'failed'),
        source: fromBull ? 'bull' : 'jobs-table',
      };
    });
    const redisError = report.redis.error ?? ('error' in bull ? bull.error : undefined);
    return {
      version: report.version,
      uptimeSeconds: report.uptimeSeconds,
      database,
      redis:
        this.dispatcher.mode === 'redis'
          ? {
              status: report.redis.status === 'up' ? 'up' : 'down',
              version: 'redis' in bull ? bull.redis.version : null,
              usedMemoryBytes: 'redis' in bull ? bull.redis.usedMemoryBytes : null,
              queuePrefix: this.config.redis.prefix,
              ...(redisError && { error: redisError }),
            }
          : { status: 'not-configured', version: null, usedMemoryBytes: null, queuePrefix: null },
      jobs: report.jobs,
      queues,
      workers: report.workers.list.map((worker) => ({
        ...worker,
        currentJobs: (running.get(worker.workerId) as number | undefined) ?? 0,
      })),
      disk,
      tools,
      encoder: this.ffmpeg.encoder,
      periodicTasks: this.periodic.status(),
    };
  }

  private async database(
    status: 'up' | 'down',
    error: string | undefined,
  ): Promise<SystemInfoDto['database']> {
    const mode = this.config.database.url ? 'external' : 'embedded';
    if (status === 'down') return { status, mode, serverVersion: null, sizeBytes: null, error };
    try {
      const [row] = (await within(
        this.dataSource.query(
          `SELECT current_setting('server_version') AS version,
            pg_database_size(current_database())::bigint AS size`,
        ),
        QUERY_TIMEOUT_MS,
        'the database did not answer',
      )) as { version: string; size: string }[];
      return { status, mode, serverVersion: row!.version, sizeBytes: Number(row!.size) };
    } catch (failure) {
      return {
        status,
        mode,
        serverVersion: null,
        sizeBytes: null,
        error: (failure as Error).message,
      };
    }
  }

  private async bullStats() {
    if (!this.dispatcher.queueStats) return {};
    try {
      return await this.dispatcher.queueStats();
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  private async disk(): Promise<SystemInfoDto['disk']> {
    const { instance, data, logs } = this.config.paths;
    const folders: Record<DiskFolder, string | null> = {
      data,
      tmp: join(instance, 'tmp'),
      cache: this.config.compile.cacheDir,
      logs,
      artifacts: this.config.download.artifacts?.dir ?? null,
    };
    const deadline = Date.now() + DISK_SCAN_MS;
    const [usage, space] = await Promise.all([
      Promise.all(
        Object.entries(folders).map(async ([name, path]) => ({
          name: name as DiskFolder,
          path,
          ...(path ? await folderUsage(path, deadline) : { bytes: null, files: 0, complete: true }),
        })),
      ),
      freeSpace(instance),
    ]);
    return { instancePath: instance, folders: usage, ...space };
  }

  /** Read once: a binary's version does not change while the process runs. */
  private toolVersions(): Promise<SystemInfoDto['tools']> {
    this.tools ??= (async () => {
      const { ffmpegPath, ffprobePath, version } = this.ffmpeg.location;
      const ytDlp = resolveBinary(
        'yt-dlp',
        this.config.download.ytDlpBinary,
        defaultBinDirs(),
        process.env.PATH ?? '',
      ).path;
      const [ffprobe, ytDlpVersion] = await Promise.all([
        readVersion(ffprobePath, ['-hide_banner', '-version'], /ffprobe version (\S+)/),
        readVersion(ytDlp, ['--version'], /^(\S+)/),
      ]);
      const ffmpeg: ToolVersionDto = { path: ffmpegPath, version };
      return { ffmpeg, ffprobe, ytDlp: ytDlpVersion };
    })();
    return this.tools;
  }
}
