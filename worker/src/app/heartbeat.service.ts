import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EncoderStatus } from '@clippyfront/shared';
import type { FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import { ApiClient } from './api-client.js';
import { WORKER_IDENTITY, type WorkerIdentity } from './worker-identity.js';
import {
  FFMPEG_LOCATION,
  WORKER_CONFIG,
  WORKER_ENCODER,
  type WorkerConfig,
} from './worker-config.js';

/** Tells the API every few seconds that this worker is alive and what it can do. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(
    private readonly api: ApiClient,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_IDENTITY) private readonly identity: WorkerIdentity,
    @Inject(FFMPEG_LOCATION) private readonly ffmpeg: FfmpegLocation,
    @Inject(WORKER_ENCODER) private readonly encoder: EncoderStatus | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.config.heartbeatSeconds * 1000);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async beat(): Promise<void> {
    try {
      await this.api.heartbeat({
        workerId: this.identity.id,
        bootId: this.identity.bootId,
        name: this.config.name,
        queues: this.config.queues,
        concurrency: this.config.concurrency,
        version: this.identity.version,
        ffmpegVersion: this.ffmpeg.version,
        encoder: this.encoder,
      });
      if (this.failing) this.logger.log('Heartbeat reaches the API again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Heartbeat failed: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
