import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { bullConnectionOptions } from '@clippyfront/worker';
import { AdminModule } from './admin/admin.module.js';
import { ArrangementModule } from './arrangement/arrangement.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AutomationModule } from './automation/automation.module.js';
import { AvatarsModule } from './avatars/avatars.module.js';
import { ClipSourcesModule } from './clip-sources/clip-sources.module.js';
import { CompilationsModule } from './compilations/compilations.module.js';
import { ClipsModule } from './clips/clips.module.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { setSpaCacheHeaders } from './spa/spa-cache.js';
import { buildDataSourceOptions } from './database/data-source-options.js';
import { FfmpegModule } from './ffmpeg/ffmpeg.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { PeriodicModule } from './periodic/periodic.module.js';
import { MediaModule } from './media/media.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { SharingModule } from './sharing/sharing.module.js';
import { ThemesModule } from './themes/themes.module.js';
import { TiersModule } from './tiers/tiers.module.js';
import { UsageModule } from './tiers/usage.module.js';
import { WorkerApiModule } from './worker-api/worker-api.module.js';

/** The SPA, served on the same port, for every path outside /api. */
function spaModule(config: AppConfig): DynamicModule[] {
  if (!existsSync(join(config.paths.spa, 'index.html'))) {
    new Logger('Spa').warn(
      `No SPA build at ${config.paths.spa}; run "npm run build" (API still served under /api)`,
    );
    return [];
  }
  return [
    ServeStaticModule.forRoot({
      rootPath: config.paths.spa,
      exclude: ['/api/{*path}'],
      serveStaticOptions: { setHeaders: setSpaCacheHeaders },
    }),
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const redis = !!config.redis.url;
    const jobs = JobsModule.forRoot({ redis });
    const media = MediaModule.register(jobs);
    const clips = ClipsModule.register(jobs, media);
    const projects = ProjectsModule.register(clips);
    const health = HealthModule.register(jobs);
    const compilations = CompilationsModule.register(jobs, media);
    const workerApi = WorkerApiModule.register(jobs);
    const automation = AutomationModule.register({ jobs, clips, projects, compilations });
    const ingest = IngestModule.register(media);
    const periodic = PeriodicModule.register([
      AuthModule,
      jobs,
      media,
      workerApi,
      AvatarsModule,
      automation,
      ingest,
      compilations,
    ]);
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(databaseUrl, config.database.poolSize),
          migrationsRun: true,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        ...(redis
          ? [BullModule.forRoot(bullConnectionOptions(config.redis.url!, config.redis.prefix))]
          : []),
        // Every periodic task, listed in periodic/periodic-tasks.ts, on @nestjs/schedule's registry.
        ScheduleModule.forRoot(),
        periodic,
        RateLimitModule.forRoot(config),
        TiersModule,
        AuthModule,
        FfmpegModule,
        jobs,
        media,
        clips,
        projects,
        ArrangementModule,
        AvatarsModule,
        UsageModule.register(media),
        compilations,
        workerApi,
        health,
        AdminModule.register(health, jobs, projects, periodic),
        ThemesModule,
        automation,
        ClipSourcesModule,
        ingest,
        SharingModule.register(media),
        ...spaModule(config),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
