import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import type { QueueJobData } from '@clippyfront/shared';
import { removeOrphanedWorkDirs } from '../runtime/work-dirs.js';
import { JobExecutorService } from './job-executor.service.js';
import { WORKER_CONFIG, type WorkerConfig } from './worker-config.js';

/** Consumes the configured Bull queues; each Bull job only carries the API's job id. */
@Injectable()
export class QueueConsumerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueConsumerService.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly executor: JobExecutorService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const orphans = await removeOrphanedWorkDirs();
    if (orphans) this.logger.log(`Removed ${orphans} job folder(s) left by stopped processes`);
    for (const name of this.config.queues) {
      const queue = this.moduleRef.get<Queue<QueueJobData>>(getQueueToken(name), {
        strict: false,
      });
      void queue.process('*', this.config.concurrency, async (job) => {
        await this.executor.execute(job.data.jobId);
      });
      this.logger.log(`Consuming queue "${name}" with concurrency ${this.config.concurrency}`);
    }
  }
}
