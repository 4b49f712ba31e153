import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@clippyfront/shared/node';
import { loadAppConfig, type AppConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from '../database/data-source-options.js';
import { EmbeddedPostgres } from '../database/embedded-postgres.js';

/** A mistake of the person at the keyboard: its message is shown alone, exit code 64. */
export class CliError extends Error {}

/** Runs `run` against DATABASE_URL, else the embedded database (the app must be stopped). */
export async function withDatabase<T>(
  run: (ds: DataSource, config: AppConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfigOrExit(loadAppConfig);
  const embedded = config.database.url
    ? undefined
    : await EmbeddedPostgres.start(config.paths.embeddedDb, (message, level) => {
        if (level === 'warn') console.error(message);
      });
  const ds = new DataSource(buildDataSourceOptions(config.database.url ?? embedded!.url, 2));
  try {
    await ds.initialize();
    await ds.runMigrations();
    return await run(ds, config);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
  }
}

/** Prints the outcome and exits: 0, 64 for a CliError, 1 for anything else. */
export function finish(result: Promise<string>): void {
  result.then(
    (message) => {
      console.log(message);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error instanceof CliError ? error.message : error);
      process.exit(error instanceof CliError ? 64 : 1);
    },
  );
}
