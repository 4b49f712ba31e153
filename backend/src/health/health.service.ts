import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { HealthDto, HealthSummaryDto } from '@clippyfront/shared';
import { within } from '../common/within.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { APP_VERSION } from '../config/app-version.js';
import { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import { JOB_DISPATCHER, type JobDispatcher } from '../jobs/job-dispatcher.js';
import { WorkersService } from '../workers/workers.service.js';
import { renderReadiness } from './render-readiness.js';

/** Each check's longest wait: health answers within about a second, whatever is down. */
export const HEALTH_CHECK_TIMEOUT_MS = 1000;

const check = <T>(promise: Promise<T>, what: string) =>
  within(
    promise,
    HEALTH_CHECK_TIMEOUT_MS,
    `${what} did not answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`,
  );

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ffmpeg: FfmpegService,
    private readonly workers: WorkersService,
  ) {}

  private async database(): Promise<HealthDto['database']> {
    const mode = this.config.database.url ? 'postgres' : 'embedded';
    try {
      await check(this.dataSource.query('SELECT 1'), 'the database');
      return { status: 'up', mode };
    } catch (error) {
      return { status: 'down', mode, error: (error as Error).message };
    }
  }

  private async redis(): Promise<HealthDto['redis']> {
    try {
      return await check(this.dispatcher.redisStatus(), 'Redis');
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }

  async check(): Promise<HealthDto> {
    const [database, redis, online] = await Promise.all([
      this.database(),
      this.redis(),
      check(this.workers.online(), 'the worker list').catch(() => []),
    ]);
    const list = database.status === 'up' ? online : [];
    const { ffmpegPath, ffprobePath, version } = this.ffmpeg.location;
    return {
      status: database.status === 'up' && redis.status !== 'down' ? 'ok' : 'degraded',
      detailed: true,
      version: APP_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      database,
      redis,
      jobs: { mode: this.dispatcher.mode },
      ffmpeg: {
        available: !!(ffmpegPath && ffprobePath && version),
        version,
        ffmpegPath,
        ffprobePath,
        encoder: this.ffmpeg.encoder,
      },
      workers: { online: list.length, list },
      render: renderReadiness(this.dispatcher.mode, this.ffmpeg.location, list),
      clipSources: { external: this.config.clipUrls.allowExternal },
    };
  }

  /**
   * No versions, paths, error texts or host names: those help an attacker, not a visitor.
   * Which part is down only for signed-in users.
   */
  summary(report: HealthDto, { parts }: { parts: boolean }): HealthSummaryDto {
    const summary: HealthSummaryDto = {
      status: report.status,
      detailed: false,
      clipSources: report.clipSources,
    };
    if (!parts) return summary;
    return {
      ...summary,
      database: { status: report.database.status },
      redis: { status: report.redis.status },
      render: report.render,
    };
  }
}
