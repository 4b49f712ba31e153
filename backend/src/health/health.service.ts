import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { HealthDto } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { APP_VERSION } from '../config/app-version.js';
import { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import { JOB_DISPATCHER, type JobDispatcher } from '../jobs/job-dispatcher.js';
import { WorkersService } from '../workers/workers.service.js';

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
      await this.dataSource.query('SELECT 1');
      return { status: 'up', mode };
    } catch (error) {
      return { status: 'down', mode, error: (error as Error).message };
    }
  }

  async check(): Promise<HealthDto> {
    const [database, redis] = await Promise.all([this.database(), this.dispatcher.redisStatus()]);
    const list = database.status === 'up' ? await this.workers.online() : [];
    const { ffmpegPath, ffprobePath, version } = this.ffmpeg.location;
    return {
      status: database.status === 'up' && redis.status !== 'down' ? 'ok' : 'degraded',
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
    };
  }
}
