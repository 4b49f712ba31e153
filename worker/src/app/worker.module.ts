import { BullModule } from '@nestjs/bull';
import type { EncoderStatus } from '@clippyfront/shared';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import type { FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import { bullConnectionOptions } from '../runtime/redis-options.js';
import { ApiClient } from './api-client.js';
import { ArtifactReporterService } from './artifact-reporter.service.js';
import { HeartbeatService } from './heartbeat.service.js';
import { JobExecutorService } from './job-executor.service.js';
import { QueueConsumerService } from './queue-consumer.service.js';
import { WorkerSlots } from './worker-slots.js';
import { WORKER_IDENTITY, type WorkerIdentity } from './worker-identity.js';
import {
  FFMPEG_LOCATION,
  WORKER_CONFIG,
  WORKER_ENCODER,
  type WorkerConfig,
} from './worker-config.js';

@Module({})
export class WorkerModule {
  static forRoot(
    config: WorkerConfig,
    identity: WorkerIdentity,
    ffmpeg: FfmpegLocation,
    encoder: EncoderStatus | null,
    workerToken: string,
    onUnauthorized: (message: string) => void,
  ): DynamicModule {
    const logger = new Logger(ApiClient.name);
    const api = new ApiClient(config.apiUrl, workerToken, undefined, undefined, {
      retrySeconds: config.apiRetrySeconds,
      notice: (message) => logger.warn(message),
      onUnauthorized,
    });
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot(bullConnectionOptions(config.redisUrl, config.queuePrefix)),
        BullModule.registerQueue(...config.queues.map((name) => ({ name }))),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: WORKER_IDENTITY, useValue: identity },
        { provide: FFMPEG_LOCATION, useValue: ffmpeg },
        { provide: WORKER_ENCODER, useValue: encoder },
        { provide: ApiClient, useValue: api },
        { provide: WorkerSlots, useValue: new WorkerSlots(config.concurrency) },
        HeartbeatService,
        ArtifactReporterService,
        JobExecutorService,
        QueueConsumerService,
      ],
    };
  }
}
