import { HttpException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { MEDIA_TYPE_FOLDERS, type MediaType } from '@clippyfront/shared';
import { JobsService } from '../jobs/jobs.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { MediaFilesRepository, type LibraryFile } from './media-files.repository.js';
import { MediaInspector } from './media-inspector.js';
import { MediaRepository, type MediaLocation } from './media.repository.js';
import { thumbnailPayload } from './media-thumbnails.service.js';

const TYPE_BY_FOLDER = new Map(
  Object.entries(MEDIA_TYPE_FOLDERS).map(([type, folder]) => [folder, type as MediaType]),
);

export interface ReindexOptions {
  /** Without it nothing is written: the report says what would be done. */
  apply: boolean;
  /** Also queue thumbnail jobs for media without a thumbnail (or whose file is gone). */
  regenThumbnails: boolean;
}

export interface ReindexReport {
  /** Files on disk that have (or, without apply, would get) a row. */
  added: string[];
  known: number;
  skipped: { path: string; reason: string }[];
  /** Rows whose file is not on disk; reported, never deleted. */
  missingOnDisk: string[];
  /** Media lacking a thumbnail; queued when apply and regenThumbnails are set. */
  withoutThumbnail: number;
  thumbnailsQueued: number;
}

/** Rebuilds library rows from data/<user>/<type folder>/; source files are never touched. */
export class MediaReindexService {
  constructor(
    private readonly media: MediaRepository,
    private readonly files: MediaFilesRepository,
    private readonly inspector: MediaInspector,
    private readonly users: UsersRepository,
    private readonly jobs: JobsService,
  ) {}

  async run(options: ReindexOptions): Promise<ReindexReport> {
    const report: ReindexReport = {
      added: [],
      known: 0,
      skipped: [],
      missingOnDisk: [],
      withoutThumbnail: 0,
      thumbnailsQueued: 0,
    };
    const rows = await this.media.locations();
    const indexed = new Set(rows.map((row) => this.files.runtimePath(row.path)));
    const owners = new Map<string, boolean>();
    for await (const file of this.files.libraryFiles()) {
      if (indexed.has(file.runtime)) {
        report.known++;
        continue;
      }
      const canonical = this.files.canonicalPath(file.runtime);
      const outcome = await this.addFile(file, canonical, owners, options.apply);
      if (typeof outcome === 'string') {
        report.skipped.push({ path: canonical, reason: outcome });
        continue;
      }
      report.added.push(canonical);
      if (outcome) rows.push(outcome);
    }
    for (const row of rows) {
      if (!(await this.files.exists(row.path))) report.missingOnDisk.push(row.path);
      else if (!row.thumbnailPath || !(await this.files.exists(row.thumbnailPath))) {
        report.withoutThumbnail++;
        if (options.apply && options.regenThumbnails) await this.queueThumbnail(row, report);
      }
    }
    return report;
  }

  /** Adds one file's row: the row (null on a dry run), or why the file was skipped. */
  private async addFile(
    file: LibraryFile,
    canonical: string,
    owners: Map<string, boolean>,
    apply: boolean,
  ): Promise<MediaLocation | null | string> {
    const type = TYPE_BY_FOLDER.get(file.folder);
    if (!type) return `"${file.folder}" is not a media folder`;
    if (!owners.has(file.ownerDir))
      owners.set(file.ownerDir, await this.ownerExists(file.ownerDir));
    if (!owners.get(file.ownerDir)) return `no user with id "${file.ownerDir}"`;
    if (file.size === 0) return 'empty file';
    let inspected;
    try {
      inspected = await this.inspector.inspect(file.runtime);
    } catch (error) {
      if (error instanceof HttpException) return error.message;
      throw error;
    }
    if ((inspected.kind === 'image') !== (type === 'image')) {
      return `a ${inspected.kind} file in ${file.folder}/`;
    }
    if (!apply) return null;
    return this.media.create({
      ownerId: file.ownerDir,
      name: file.name.slice(0, 200),
      type,
      mimeType: inspected.mime,
      sizeBytes: file.size,
      path: canonical,
      tags: [],
      thumbnailPath: null,
      // Taken when a compile first needs it.
      contentSha256: null,
      ...inspected.metadata,
    });
  }

  private async ownerExists(id: string): Promise<boolean> {
    return isUUID(id) && !!(await this.users.findById(id));
  }

  private async queueThumbnail(row: MediaLocation, report: ReindexReport): Promise<void> {
    await this.jobs.create('thumbnail', thumbnailPayload(row), row.ownerId);
    report.thumbnailsQueued++;
  }
}
