import { config as loadDotenv } from 'dotenv';
import { loadConfigOrExit } from '@clippyfront/shared/node';
import { createApp } from './app.factory.js';
import { EmbeddedDatabaseLockedError } from './database/embedded-postgres.js';
import { loadAppConfig } from './config/app-config.js';
import { PROJECT_ROOT } from './config/project-paths.js';

async function main(): Promise<void> {
  loadDotenv({ path: [`${process.cwd()}/.env`, `${PROJECT_ROOT}/.env`] });
  const config = loadConfigOrExit(loadAppConfig);
  const { app, logger, close } = await createApp(config);
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    logger.error(`Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    await close();
    process.exit(1);
  }
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.log(
    `ClippyFront on http://${shown}:${config.port} (database: ${
      config.database.url ? 'PostgreSQL' : 'embedded'
    }, jobs: ${config.redis.url ? 'Redis + workers' : 'in-process'})`,
    'Main',
  );
  // Not Nest's enableShutdownHooks: it re-raises the signal after closing the app, which would
  // kill this process before the embedded database has stopped.
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  if (error instanceof EmbeddedDatabaseLockedError) {
    console.error(error.message);
    process.exit(75);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
