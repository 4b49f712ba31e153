import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { config as loadDotenv } from 'dotenv';
import { loadConfigOrExit } from '@clippyfront/shared/node';
import { artifactsDirProblem } from './artifacts/artifact-dir.js';
import { locateFfmpeg } from './ffmpeg/ffmpeg-locator.js';
import { loadWorkerConfig } from './app/worker-config.js';
import { createWorkerIdentity } from './app/worker-identity.js';
import { WorkerModule } from './app/worker.module.js';

async function bootstrap(): Promise<void> {
  loadDotenv();
  const logger = new Logger('Worker');
  const config = loadConfigOrExit(loadWorkerConfig);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const identity = createWorkerIdentity(config.name, pkg.version);
  for (const name of config.ignoredSecrets) {
    logger.warn(`${name} is set but workers never use it; remove it from this environment`);
  }
  const artifacts = config.download.artifacts;
  const artifactsProblem = artifacts && (await artifactsDirProblem(artifacts.dir));
  if (artifactsProblem) {
    logger.warn(`${artifactsProblem}: downloads are not exported, each logs a warning`);
  } else if (artifacts) logger.log(`Exporting downloads to ARTIFACTS_DIR ${artifacts.dir}`);
  const ffmpeg = await locateFfmpeg(config.ffmpeg);
  if (ffmpeg.problems.length) {
    logger.warn(`ffmpeg problem: ${ffmpeg.problems.join('; ')}. Jobs needing it will fail.`);
  } else {
    logger.log(`ffmpeg ${ffmpeg.version} at ${ffmpeg.ffmpegPath}`);
  }
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, identity, ffmpeg),
    { logger: new ConsoleLogger({ json: process.env.NODE_ENV === 'production' }) },
  );
  app.enableShutdownHooks();
  logger.log(
    `Worker ${identity.id} talking to ${config.apiUrl}, queues ${config.queues.join(',')}`,
  );
}

void bootstrap();
