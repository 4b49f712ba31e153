import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { config as loadDotenv } from 'dotenv';
import picomatch from 'picomatch';
import { INGEST_ACTIONS, type IngestAction, type IngestScanResultDto } from '@clippyfront/shared';
import type { AppConfig } from '../config/app-config.js';
import { PROJECT_ROOT } from '../config/project-paths.js';
import type { AdvisoryLock } from '../database/advisory-lock.service.js';
import { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import { IngestFilesRepository } from '../ingest/ingest-files.repository.js';
import { IngestImportEntity } from '../ingest/ingest-import.entity.js';
import { IngestRepository } from '../ingest/ingest.repository.js';
import { IngestService, IngestTargetError } from '../ingest/ingest.service.js';
import { JobEntity } from '../jobs/job.entity.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { JobsService } from '../jobs/jobs.service.js';
import { MediaEntity } from '../media/media.entity.js';
import { MediaFilesRepository } from '../media/media-files.repository.js';
import { MediaInspector } from '../media/media-inspector.js';
import { thumbnailPayload } from '../media/media-thumbnails.service.js';
import type { MediaThumbnailsService } from '../media/media-thumbnails.service.js';
import { MediaRepository } from '../media/media.repository.js';
import { MediaService } from '../media/media.service.js';
import { StorageQuotaService } from '../media/storage-quota.service.js';
import { TusReservations } from '../media/tus-reservations.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { TierEntity } from '../tiers/tier.entity.js';
import { TiersRepository } from '../tiers/tiers.repository.js';
import { UserEntity } from '../users/user.entity.js';
import { CliError, withDatabase } from './cli-database.js';

const USAGE = `Usage: import-from-ingest --username U --project P --ingest-root DIR
       [--worker-id ID]... [--action copy|move|link] [--pattern GLOB]
       [--regen-thumbnails] [--dry-run] [--json] [--help]
Imports the artifacts under DIR/<worker id>/<artifact>/ into U's project P (created when
missing) once each, exactly as the running app's ingest importer does (artifact path + sha256
remembered: never twice; a sha256 differing from manifest.json is refused). Thumbnail jobs are
queued for what it imports (the app, or its workers, make them); --regen-thumbnails also queues
them for earlier imports still without one. --dry-run reports only. Directories still arriving
(a push under way) are left for later. Exit 0: done; 1: an artifact failed; 64: bad usage or
target. Uses DATABASE_URL, else the embedded database (stop the app first).`;

interface CliOptions {
  username: string;
  project: string;
  root: string;
  workerIds: string[];
  action: IngestAction;
  pattern: string;
  regenThumbnails: boolean;
  dryRun: boolean;
  json: boolean;
}

function options(argv: string[]): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        username: { type: 'string' },
        project: { type: 'string' },
        'ingest-root': { type: 'string' },
        'worker-id': { type: 'string', multiple: true },
        action: { type: 'string', default: 'copy' },
        pattern: { type: 'string', default: '*.mp4' },
        'regen-thumbnails': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message} (see --help)`);
  }
  if (values.help) return 'help';
  for (const name of ['username', 'project', 'ingest-root'] as const) {
    if (!values[name]?.trim()) throw new CliError(`--${name} is required (see --help)`);
  }
  const action = values.action as IngestAction;
  if (!INGEST_ACTIONS.includes(action)) {
    throw new CliError(`--action must be one of ${INGEST_ACTIONS.join(', ')}, not "${action}"`);
  }
  const pattern = values.pattern.trim();
  try {
    if (!pattern || pattern.includes('/')) throw new Error('no "/"');
    picomatch(pattern);
  } catch {
    throw new CliError(`--pattern must be a file-name glob such as *.mp4, not "${pattern}"`);
  }
  const workerIds = values['worker-id'] ?? [];
  const badWorker = workerIds.find((id) => !/^[A-Za-z0-9_.-]{1,100}$/.test(id) || /^\.+$/.test(id));
  if (badWorker !== undefined) {
    throw new CliError(`--worker-id must be a worker folder name, not "${badWorker}"`);
  }
  const root = values['ingest-root']!.trim();
  return {
    username: values.username!.trim(),
    project: values.project!.trim(),
    root: isAbsolute(root) ? root : resolve(process.env.IMPORT_FROM_INGEST_CWD ?? '.', root),
    workerIds,
    action,
    pattern,
    regenThumbnails: values['regen-thumbnails'],
    dryRun: values['dry-run'],
    json: values.json,
  };
}

function describe(result: IngestScanResultDto): string {
  const { counts } = result;
  const lines = [
    `${result.dryRun ? 'Dry run: ' : ''}${counts.imported} imported, ${counts.skipped} skipped, ` +
      `${counts.waiting} waiting, ${counts.failed} failed`,
    ...result.artifacts.map(
      (a) =>
        `  ${a.state.padEnd(8)} ${a.workerId}/${a.artifact}${a.file ? `/${a.file}` : ''}` +
        (a.reason ? `: ${a.reason}` : ''),
    ),
  ];
  return lines.join('\n');
}

/** The ingest service without Nest: the same repositories and media path as the app. */
function ingestService(ds: import('typeorm').DataSource, config: AppConfig, ffmpeg: FfmpegService) {
  const mediaRepository = new MediaRepository(ds.getRepository(MediaEntity));
  const files = new MediaFilesRepository(config);
  const jobs = new JobsService(new JobsRepository(ds.getRepository(JobEntity)), config);
  // Jobs rows only: the app (or its workers) picks queued jobs up when it runs.
  const thumbnails = {
    request: async (media: MediaEntity) =>
      (await jobs.create('thumbnail', thumbnailPayload(media), media.ownerId)).id,
  } as unknown as MediaThumbnailsService;
  const media = new MediaService(
    mediaRepository,
    files,
    new MediaInspector(files, ffmpeg),
    thumbnails,
    new StorageQuotaService(
      mediaRepository,
      new TusReservations(config),
      new TiersRepository(ds.getRepository(TierEntity)),
      config,
    ),
  );
  const repository = new IngestRepository(
    ds.getRepository(IngestImportEntity),
    ds.getRepository(UserEntity),
    ds.getRepository(ProjectEntity),
    ds.getRepository(MediaEntity),
  );
  // The app's scan lock, held on a connection of its own for the whole run.
  const lock = {
    run: async <T>(key: string, task: () => Promise<T>): Promise<T> => {
      const runner = ds.createQueryRunner();
      await runner.connect();
      try {
        await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
        try {
          return await task();
        } finally {
          await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        }
      } finally {
        await runner.release();
      }
    },
  } as unknown as AdvisoryLock;
  return new IngestService(
    repository,
    new IngestFilesRepository(config),
    media,
    thumbnails,
    lock,
    config,
  );
}

async function main(argv: string[]): Promise<{ output: string; failed: number }> {
  const parsed = options(argv);
  if (parsed === 'help') return { output: USAGE, failed: 0 };
  return withDatabase(async (ds, config) => {
    // Nest's logger would mix its lines into the report (and into --json).
    Logger.overrideLogger(['error']);
    const ffmpeg = new FfmpegService(config);
    await ffmpeg.onModuleInit();
    const service = ingestService(ds, config, ffmpeg);
    let result: IngestScanResultDto;
    try {
      result = await service.scan({
        settings: {
          enabled: true,
          root: parsed.root,
          username: parsed.username,
          project: parsed.project,
          createProject: true,
          pattern: parsed.pattern,
          action: parsed.action,
          // One-off, with the app stopped: what is complete is taken now.
          stableSeconds: 0,
          workerIds: parsed.workerIds,
          intervalSeconds: config.ingest.intervalSeconds,
        },
        dryRun: parsed.dryRun,
        regenThumbnails: parsed.regenThumbnails,
      });
    } catch (error) {
      if (!(error instanceof IngestTargetError)) throw error;
      // The same checks as the app's; named as this command's options.
      throw new CliError(
        error.message
          .replace(/^INGEST_ROOT/, '--ingest-root')
          .replace(/^INGEST_IMPORT_USERNAME/, '--username')
          .replace(/^INGEST_IMPORT_PROJECT/, '--project'),
      );
    }
    return {
      output: parsed.json ? JSON.stringify(result) : describe(result),
      failed: result.counts.failed,
    };
  });
}

loadDotenv({ path: [`${process.cwd()}/.env`, `${PROJECT_ROOT}/.env`] });
main(process.argv.slice(2)).then(
  ({ output, failed }) => {
    console.log(output);
    if (failed) console.error(`${failed} artifact file(s) failed: see the report`);
    process.exit(failed ? 1 : 0);
  },
  (error: unknown) => {
    const message =
      error instanceof CliError ? error.message : ((error as Error)?.message ?? String(error));
    console.error(message.split('\n')[0]);
    process.exit(error instanceof CliError ? 64 : 1);
  },
);
