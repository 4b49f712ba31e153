import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { config as loadDotenv } from 'dotenv';
import { PROJECT_ROOT } from '../config/project-paths.js';
import { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import { JobEntity } from '../jobs/job.entity.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { JobsService } from '../jobs/jobs.service.js';
import { MediaEntity } from '../media/media.entity.js';
import { MediaFilesRepository } from '../media/media-files.repository.js';
import { MediaInspector } from '../media/media-inspector.js';
import { MediaRepository } from '../media/media.repository.js';
import { MediaReindexService, type ReindexReport } from '../media/media-reindex.service.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { CliError, finish, withDatabase } from './cli-database.js';

const USAGE = `Usage: reindex-media [--apply] [--regen-thumbnails] [--json]
Finds files under <instance>/data/<user id>/<type folder>/ that the library does not list
(type from the folder: clips/, intros/, outros/, transitions/, compilations/, images/).
Read-only unless --apply: then it adds their rows and, with --regen-thumbnails, queues
thumbnail jobs for media without one (the running app, or its workers, make them).
Files on disk are never changed. Uses DATABASE_URL, else the embedded database (stop the app first).`;

function describe(report: ReindexReport, apply: boolean, regen: boolean): string {
  const lines = [
    `${report.known} file(s) already in the library`,
    `${report.added.length} file(s) ${apply ? 'added' : 'to add (dry run: pass --apply)'}`,
    ...report.added.map((path) => `  + ${path}`),
    `${report.skipped.length} file(s) skipped`,
    ...report.skipped.map(({ path, reason }) => `  - ${path}: ${reason}`),
    `${report.missingOnDisk.length} library row(s) whose file is missing`,
    ...report.missingOnDisk.map((path) => `  ! ${path}`),
    `${report.withoutThumbnail} media without a thumbnail` +
      (report.thumbnailsQueued
        ? `; ${report.thumbnailsQueued} thumbnail job(s) queued`
        : regen
          ? ' (pass --apply to queue thumbnail jobs)'
          : ' (pass --regen-thumbnails --apply to make them)'),
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        apply: { type: 'boolean', default: false },
        'regen-thumbnails': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) return USAGE;
  const options = { apply: values.apply, regenThumbnails: values['regen-thumbnails'] };
  return withDatabase(async (ds, config) => {
    // Nest's logger would mix its lines into the report (and into --json).
    Logger.overrideLogger(['error']);
    const ffmpeg = new FfmpegService(config);
    await ffmpeg.onModuleInit();
    const files = new MediaFilesRepository(config);
    const reindex = new MediaReindexService(
      new MediaRepository(ds.getRepository(MediaEntity)),
      files,
      new MediaInspector(files, ffmpeg),
      new UsersRepository(ds.getRepository(UserEntity)),
      new JobsService(new JobsRepository(ds.getRepository(JobEntity)), config),
    );
    const report = await reindex.run(options);
    return values.json
      ? JSON.stringify(report)
      : describe(report, options.apply, options.regenThumbnails);
  });
}

loadDotenv({ path: [`${process.cwd()}/.env`, `${PROJECT_ROOT}/.env`] });
finish(main(process.argv.slice(2)));
