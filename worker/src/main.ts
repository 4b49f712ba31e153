import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { config as loadDotenv } from 'dotenv';
import { loadConfigOrExit } from '@clippyfront/shared/node';
import { artifactsDirProblem } from './artifacts/artifact-dir.js';
import { chooseEncoder } from './compile/encoder.js';
import { locateFfmpeg } from './ffmpeg/ffmpeg-locator.js';
import { loadWorkerConfig } from './app/worker-config.js';
import { createWorkerIdentity } from './app/worker-identity.js';
import {
  obtainWorkerToken,
  registrationCalls,
  WorkerAuthError,
} from './app/worker-registration.js';
import { WorkerStateStore } from './app/worker-state.js';
import { WorkerModule } from './app/worker.module.js';

/** Exit code of a worker whose token the API refused (revoked) or that cannot register. */
const EXIT_UNAUTHORIZED = 3;

async function bootstrap(): Promise<void> {
  loadDotenv();
  const logger = new Logger('Worker');
  const config = loadConfigOrExit(loadWorkerConfig);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  for (const line of config.deprecations) logger.warn(line);
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
  const encoder = ffmpeg.ffmpegPath ? await chooseEncoder(ffmpeg.ffmpegPath, config.compile) : null;
  if (encoder) logger.log(`Compile encoder: ${encoder.encoder} (${encoder.reason})`);
  const about = {
    name: config.name,
    queues: config.queues,
    concurrency: config.concurrency,
    version: pkg.version,
    ffmpegVersion: ffmpeg.version,
    encoder,
  };
  const bootId = randomUUID();
  let saved;
  try {
    saved = await obtainWorkerToken(config, about, bootId, {
      store: new WorkerStateStore(config.stateDir),
      ...registrationCalls(config.apiUrl),
      log: (message) => logger.log(message),
      warn: (message) => logger.warn(message),
    });
  } catch (error) {
    if (!(error instanceof WorkerAuthError)) throw error;
    logger.error(error.message);
    process.exit(EXIT_UNAUTHORIZED);
  }
  const identity = { ...createWorkerIdentity(saved.workerId, pkg.version), bootId };
  let stopping = false;
  // A revoked (or forgotten) token: stop claiming at once, say why, never re-register silently.
  const onUnauthorized = (message: string) => {
    if (stopping) return;
    stopping = true;
    logger.error(
      `The API refused this worker's token (${message}): an admin revoked it, or the API no ` +
        'longer knows it. The worker stops; see "Worker registration" in ' +
        'docs/workers-and-deployment.md to let it work again.',
    );
    process.exit(EXIT_UNAUTHORIZED);
  };
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, identity, ffmpeg, encoder, saved.token, onUnauthorized),
    { logger: new ConsoleLogger({ json: process.env.NODE_ENV === 'production' }) },
  );
  app.enableShutdownHooks();
  logger.log(
    `Worker ${identity.id} talking to ${config.apiUrl}, queues ${config.queues.join(',')}`,
  );
}

void bootstrap();
