import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SessionsRepository } from './sessions.repository.js';

const EVERY_MS = 3_600_000;

/** Expired sessions never authenticate; this only keeps the table small. */
@Injectable()
export class SessionSweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionSweeperService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sessions: SessionsRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    await this.sessions
      .deleteExpired()
      .catch((error: Error) => this.logger.warn(`Session sweep failed: ${error.message}`));
  }
}
