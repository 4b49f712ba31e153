import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { config as loadDotenv } from 'dotenv';
import { AvatarsRepository } from '../avatars/avatars.repository.js';
import { AvatarsService, type AvatarCleanupReport } from '../avatars/avatars.service.js';
import { ClipAvatarsRepository } from '../avatars/clip-avatars.repository.js';
import { ClipEntity } from '../clips/clip.entity.js';
import { PROJECT_ROOT } from '../config/project-paths.js';
import { CliError, finish, withDatabase } from './cli-database.js';

const USAGE = `Usage: cleanup-avatars [--keep N] [--dry-run] [--json]
Keeps the newest N downloaded avatars (<creator>_<unix ms>.<ext>) of every creator in the
avatar folder (AVATARS_PATH, default <instance>/assets/avatars) and deletes the older ones.
N defaults to AVATARS_KEEP (3). --dry-run only lists what would be deleted.
Never deleted: files a clip's avatar_path points at, and hand-placed <creator>.png|jpg|webp.
Uses DATABASE_URL, else the embedded database (stop the app first).`;

function describe(report: AvatarCleanupReport): string {
  const verb = report.dryRun ? 'would be deleted (dry run)' : 'deleted';
  return [
    `${report.folder}: ${report.creators} creator(s), keeping the newest ${report.keep} each`,
    `${report.kept} file(s) kept`,
    `${report.deleted.length} file(s) ${verb}`,
    ...report.deleted.map((file) => `  - ${file}`),
    `${report.protected.length} older file(s) kept because a clip uses them`,
    ...report.protected.map((file) => `  = ${file}`),
  ].join('\n');
}

function parseKeep(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,4}$/.test(value)) throw new CliError(`--keep must be a number (got "${value}")`);
  return Number(value);
}

async function main(argv: string[]): Promise<string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        keep: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) return USAGE;
  const keep = parseKeep(values.keep);
  return withDatabase(async (ds, config) => {
    Logger.overrideLogger(['error']);
    const avatars = new AvatarsService(
      new AvatarsRepository(config),
      config,
      new ClipAvatarsRepository(ds.getRepository(ClipEntity)),
    );
    const report = await avatars.cleanup(keep ?? config.avatars.keep, values['dry-run']);
    return values.json ? JSON.stringify(report) : describe(report);
  });
}

loadDotenv({ path: [`${process.cwd()}/.env`, `${PROJECT_ROOT}/.env`] });
finish(main(process.argv.slice(2)));
