import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import type { QueueJobData } from '@clippyfront/shared';
import { removeOrphanedWorkDirs } from '../runtime/work-dirs.js';
import { JobExecutorService } from './job-executor.service.js';
import { WORKER_CONFIG, type WorkerConfig } from './worker-config.js';
import { WorkerSlots } from './worker-slots.js';

/**
 * Consumes the configured Bull queues; each Bull job only carries the API's job id. At most
 * WORKER_CONCURRENCY jobs run at once, whichever queue they come from.
 */
@Injectable()
export class QueueConsumerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueConsumerService.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly executor: JobExecutorService,
    private readonly slots: WorkerSlots,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const orphans = await removeOrphanedWorkDirs();
    if (orphans) this.logger.log(`Removed ${orphans} job folder(s) left by stopped processes`);
    for (const name of this.config.queues) {
      const queue = this.moduleRef.get<Queue<QueueJobData>>(getQueueToken(name), {
        strict: false,
      });
      // Each queue may hand over up to the whole concurrency; the slots decide what runs.
      void queue.process('*', this.config.concurrency, (job) => this.consume(queue, job));
    }
    this.logger.log(
      `Consuming ${this.config.queues.map((q) => `"${q}"`).join(', ')}: ` +
        `at most ${this.config.concurrency} job(s) at once`,
    );
  }

  private async consume(queue: Queue<QueueJobData>, job: Job<QueueJobData>): Promise<void> {
    if (!this.slots.tryTake()) {
      await this.handBack(queue, job);
      // Holding this delivery (nothing else) keeps this consumer from taking more meanwhile.
      await this.slots.freed();
      return;
    }
    try {
      await this.executor.execute(job.data.jobId);
    } finally {
      this.slots.release();
    }
  }

  /**
   * Another queue delivered a job while every slot was busy: a fresh delivery of it goes back
   * on its queue for any free worker (the API's atomic claim makes duplicates harmless).
   */
  private async handBack(queue: Queue<QueueJobData>, job: Job<QueueJobData>): Promise<void> {
    await queue.add(job.name, job.data, {
      jobId: `${job.data.jobId}:${Date.now()}`,
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: true,
    });
    this.logger.debug(`Job ${job.data.jobId}: every slot is busy; handed back to "${queue.name}"`);
  }
}
