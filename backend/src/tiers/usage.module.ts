import { type DynamicModule, Module } from '@nestjs/common';
import { RenderTimeModule } from './render-time.module.js';
import { UsageController } from './usage.controller.js';
import { UsageService } from './usage.service.js';

/** `GET /api/auth/me/usage`. */
@Module({})
export class UsageModule {
  /** Takes the app's media module: storage figures come from its quota service. */
  static register(mediaModule: DynamicModule): DynamicModule {
    return {
      module: UsageModule,
      imports: [RenderTimeModule, mediaModule],
      controllers: [UsageController],
      providers: [UsageService],
    };
  }
}
