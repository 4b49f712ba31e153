import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EncoderStatus } from '@clippyfront/shared';
import { chooseEncoder, locateFfmpeg, type FfmpegLocation } from '@clippyfront/worker';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Finds ffmpeg once at start-up and warns clearly when it is missing. */
@Injectable()
export class FfmpegService implements OnModuleInit {
  private readonly logger = new Logger(FfmpegService.name);
  private located: FfmpegLocation = {
    ffmpegPath: null,
    ffprobePath: null,
    version: null,
    problems: ['not located yet'],
  };

  private chosenEncoder: EncoderStatus | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.located = await locateFfmpeg(this.config.ffmpeg);
    if (this.located.problems.length) {
      this.logger.warn(
        `ffmpeg problem: ${this.located.problems.join('; ')}. Jobs that need ffmpeg will fail until it is installed.`,
      );
    } else {
      this.logger.log(`ffmpeg ${this.located.version} at ${this.located.ffmpegPath}`);
    }
    if (this.located.ffmpegPath) {
      this.chosenEncoder = await chooseEncoder(this.located.ffmpegPath, this.config.compile);
      const { encoder, reason } = this.chosenEncoder;
      this.logger.log(`Compile encoder for in-process jobs: ${encoder} (${reason})`);
    }
  }

  /** The compile encoder chosen at start (a tiny NVENC test encode, else libx264). */
  get encoder(): EncoderStatus | null {
    return this.chosenEncoder;
  }

  get location(): FfmpegLocation {
    return this.located;
  }
}
