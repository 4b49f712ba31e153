import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { IngestService } from './ingest.service.js';

const INTERVAL_NAME = 'ingest-scan';

/** Scans every INGEST_IMPORT_INTERVAL_SECONDS while the importer is on; never two at once here. */
@Injectable()
export class IngestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  private running: Promise<void> | null = null;

  constructor(
    private readonly ingest: IngestService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.config.ingest;
    if (!settings.enabled) return;
    const timer = setInterval(() => this.tick(), settings.intervalSeconds * 1000);
    this.registry.addInterval(INTERVAL_NAME, timer);
    this.logger.log(
      `Ingest importer on: ${settings.root} every ${settings.intervalSeconds} s ` +
        `into ${settings.username}'s project "${settings.project}"`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) {
      this.registry.deleteInterval(INTERVAL_NAME);
    }
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.ingest
      .scanWithSettings()
      .then(
        ({ counts }) => {
          if (counts.imported || counts.failed) {
            this.logger.log(
              `Ingest scan: ${counts.imported} imported, ${counts.failed} failed, ` +
                `${counts.waiting} waiting`,
            );
          }
        },
        (error: Error) => this.logger.warn(`Ingest scan failed: ${error.message}`),
      )
      .finally(() => (this.running = null));
  }
}
