import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ConflictException, HttpException, Inject, Injectable } from '@nestjs/common';
import picomatch from 'picomatch';
import {
  DEFAULT_OUTPUT_SETTINGS,
  INGEST_STATES,
  type IngestArtifactDto,
  type IngestScanResultDto,
  type IngestStatusDto,
  type MediaType,
} from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { IngestSettings } from '../config/ingest-env.js';
import { AdvisoryLock } from '../database/advisory-lock.service.js';
import { MediaThumbnailsService } from '../media/media-thumbnails.service.js';
import { MediaService } from '../media/media.service.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import type { UserEntity } from '../users/user.entity.js';
import { IngestFilesRepository, type ArtifactEntry } from './ingest-files.repository.js';
import { parseManifest, type IngestManifest } from './ingest-manifest.js';
import { IngestRepository, type ImportedCompilation } from './ingest.repository.js';

/** One API process (or the CLI) scans at a time, across every process on the database. */
export const INGEST_SCAN_LOCK = 'ingest:scan';
const MANIFEST_FILE = 'manifest.json';
const RECENT_IMPORTS = 50;

export interface ScanOptions {
  settings: IngestSettings;
  /** Report only: nothing is written, copied or created. */
  dryRun?: boolean;
  /** Also queue thumbnail jobs for earlier imports that still have none. */
  regenThumbnails?: boolean;
}

/** The target is not usable (no such user, no project, no root): the whole scan stops. */
export class IngestTargetError extends ConflictException {}

interface Target {
  user: UserEntity;
  /** null only on a dry run that would create it. */
  project: ProjectEntity | null;
}

interface ArtifactContext {
  settings: IngestSettings;
  dryRun: boolean;
  target: Target;
  workerId: string;
  artifact: ArtifactEntry;
  manifest: IngestManifest | null;
}

/** The ingest importer's rules: what is ready, what is imported, and exactly once. */
@Injectable()
export class IngestService {
  constructor(
    private readonly repository: IngestRepository,
    private readonly files: IngestFilesRepository,
    private readonly media: MediaService,
    private readonly thumbnails: MediaThumbnailsService,
    private readonly lock: AdvisoryLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(): Promise<IngestStatusDto> {
    const [lastScan, importedTotal, recent] = await Promise.all([
      this.repository.lastScan(),
      this.repository.countImported(),
      this.repository.recentImports(RECENT_IMPORTS),
    ]);
    return {
      settings: this.config.ingest,
      lastScan,
      importedTotal,
      recentImports: recent.map((row) => ({
        path: row.path,
        sha256: row.sha256,
        mediaId: row.mediaId,
        projectId: row.projectId,
        importedAt: (row.importedAt ?? row.createdAt).toISOString(),
      })),
    };
  }

  /** "Scan now" and the periodic scan: with the settings in effect, only when switched on. */
  scanWithSettings(): Promise<IngestScanResultDto> {
    if (!this.config.ingest.enabled) {
      throw new ConflictException(
        'The ingest importer is off: set INGEST_IMPORT_ENABLED=true (with INGEST_ROOT, ' +
          'INGEST_IMPORT_USERNAME and INGEST_IMPORT_PROJECT) and restart',
      );
    }
    return this.scan({ settings: this.config.ingest });
  }

  /** Waits for the scan lock, then scans; a real scan's report is kept for Admin → Ingest. */
  scan(options: ScanOptions): Promise<IngestScanResultDto> {
    return this.lock.run(INGEST_SCAN_LOCK, async () => {
      const result = await this.scanLocked(options);
      if (!options.dryRun) await this.repository.saveLastScan(result);
      return result;
    });
  }

  private async scanLocked(options: ScanOptions): Promise<IngestScanResultDto> {
    const startedAt = new Date();
    const dryRun = !!options.dryRun;
    const settings = options.settings;
    const root = settings.root;
    if (!root || !(await this.files.isDirectory(root))) {
      throw new IngestTargetError(`INGEST_ROOT ${root ?? '(unset)'} is not a directory`);
    }
    const target = await this.target(settings, dryRun);
    if (!dryRun) await this.files.removeStaleStaging();
    const artifacts: IngestArtifactDto[] = [];
    const workers = settings.workerIds.length
      ? settings.workerIds.map((name) => ({ name, path: join(root, name) }))
      : await this.files.subdirectories(root);
    for (const worker of workers) {
      if (!(await this.files.isDirectory(worker.path))) continue;
      for (const artifact of await this.files.subdirectories(worker.path)) {
        artifacts.push(
          ...(await this.artifact(settings, dryRun, target, worker.name, artifact, startedAt)),
        );
      }
    }
    if (options.regenThumbnails && !dryRun) await this.regenThumbnails(target.user.id);
    const counts = Object.fromEntries(INGEST_STATES.map((state) => [state, 0])) as Record<
      (typeof INGEST_STATES)[number],
      number
    >;
    for (const entry of artifacts) counts[entry.state]++;
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      dryRun,
      counts,
      artifacts,
    };
  }

  private async target(settings: IngestSettings, dryRun: boolean): Promise<Target> {
    const username = settings.username;
    const user = username ? await this.repository.findUser(username) : null;
    if (!user) {
      throw new IngestTargetError(`INGEST_IMPORT_USERNAME: no user "${username ?? ''}"`);
    }
    const name = settings.project;
    if (!name) throw new IngestTargetError('INGEST_IMPORT_PROJECT: no project named');
    let project = await this.repository.findProject(user.id, name);
    if (!project && !settings.createProject) {
      throw new IngestTargetError(
        `INGEST_IMPORT_PROJECT: ${user.username} has no project "${name}" ` +
          '(and INGEST_IMPORT_CREATE_PROJECT is off)',
      );
    }
    if (!project && !dryRun) {
      project = await this.repository.createProject({
        ownerId: user.id,
        name,
        description: 'Made by the ingest importer',
        output: { ...DEFAULT_OUTPUT_SETTINGS },
      });
    }
    return { user, project };
  }

  /** One artifact directory: waits, is refused, or has its matching file(s) imported. */
  private async artifact(
    settings: IngestSettings,
    dryRun: boolean,
    target: Target,
    workerId: string,
    artifact: ArtifactEntry,
    now: Date,
  ): Promise<IngestArtifactDto[]> {
    const entry = (fields: Partial<IngestArtifactDto>): IngestArtifactDto => ({
      workerId,
      artifact: artifact.name,
      file: null,
      state: 'skipped',
      reason: null,
      mediaType: 'compilation',
      sha256: null,
      mediaId: null,
      ...fields,
    });
    const readiness = await this.files.readiness(
      artifact.path,
      settings.stableSeconds,
      now.getTime(),
    );
    if (!readiness.ready) return [entry({ state: 'waiting', reason: readiness.reason })];
    let manifest: IngestManifest | null = null;
    try {
      const raw = await this.files.readJson(join(artifact.path, MANIFEST_FILE));
      if (raw !== null) {
        const parsed = parseManifest(raw);
        if (typeof parsed === 'string') return [entry({ state: 'failed', reason: parsed })];
        manifest = parsed;
      }
    } catch (error) {
      return [entry({ state: 'failed', reason: `manifest.json: ${(error as Error).message}` })];
    }
    const mediaType = manifest?.kind ?? 'compilation';
    const matches = picomatch(settings.pattern, { dot: false });
    const names = (await this.files.files(artifact.path)).filter(
      (name) => matches(name) && (!manifest?.fileName || name === manifest.fileName),
    );
    if (!names.length) {
      const wanted = manifest?.fileName ? `${manifest.fileName} (manifest.json) ` : '';
      return [
        entry({
          mediaType,
          reason: `no file ${wanted}matching INGEST_IMPORT_PATTERN ${settings.pattern}`,
        }),
      ];
    }
    const context: ArtifactContext = { settings, dryRun, target, workerId, artifact, manifest };
    const results: IngestArtifactDto[] = [];
    for (const file of names) {
      const base = entry({ file, mediaType });
      try {
        results.push({ ...base, ...(await this.importFile(context, file)) });
      } catch (error) {
        results.push({ ...base, state: 'failed', reason: (error as Error).message });
      }
    }
    return results;
  }

  private async importFile(
    context: ArtifactContext,
    file: string,
  ): Promise<Partial<IngestArtifactDto>> {
    const { settings, dryRun, target, manifest } = context;
    const source = join(context.artifact.path, file);
    const path = `${context.workerId}/${context.artifact.name}/${file}`;
    const info = await this.files.stat(source);
    // Unchanged since it was imported: not hashed again on every scan.
    const unchanged = (await this.repository.importedAt(path)).find(
      (row) => row.sizeBytes === info.size && row.mtimeMs === info.mtimeMs,
    );
    if (unchanged) return this.already(context, source, unchanged.sha256, unchanged.mediaId);
    const sha256 = await this.files.sha256(source);
    if (manifest?.sha256 && manifest.sha256 !== sha256) {
      return {
        state: 'failed',
        sha256,
        reason: `sha256 mismatch: manifest.json says ${manifest.sha256}, the file has ${sha256} (a corrupted copy: not imported)`,
      };
    }
    if (manifest?.sizeBytes !== null && manifest?.sizeBytes !== undefined) {
      if (manifest.sizeBytes !== info.size) {
        return {
          state: 'failed',
          sha256,
          reason: `size mismatch: manifest.json says ${manifest.sizeBytes} bytes, the file has ${info.size}`,
        };
      }
    }
    const known = await this.repository.find(path, sha256);
    if (known?.state === 'imported') return this.already(context, source, sha256, known.mediaId);
    const mediaType = manifest?.kind ?? 'compilation';
    if (dryRun) {
      const project = target.project ? `"${target.project.name}"` : `"${settings.project}" (new)`;
      return {
        state: 'skipped',
        sha256,
        reason: `dry run: would ${settings.action} it in as ${mediaType} into ${target.user.username}'s project ${project}`,
      };
    }
    let claim =
      known ??
      (await this.repository.claim({
        path,
        sha256,
        mediaId: randomUUID(),
        ownerId: target.user.id,
        projectId: target.project?.id ?? null,
        sizeBytes: info.size,
        mtimeMs: info.mtimeMs,
      }));
    claim ??= await this.repository.find(path, sha256);
    if (!claim) throw new Error(`${path}: the import claim vanished; retried next scan`);
    if (claim.state === 'imported') return this.already(context, source, sha256, claim.mediaId);
    const compilation = this.compilationOf(context, mediaType, claim.mediaId, path);
    const claimId = claim.id;
    // A claim left by an interrupted import: its media made it, only the mark did not.
    if (await this.repository.mediaExists(claim.mediaId)) {
      await this.repository.finishImport(claimId, compilation);
    } else {
      const staged = await this.files.stage(source, settings.action);
      try {
        // The media row, the project's compilation and the mark: all or nothing.
        await this.media.ingest(target.user.id, {
          tmpPath: staged,
          size: info.size,
          fileName: file,
          mediaId: claim.mediaId,
          fields: { type: mediaType, tags: ['ingest'] },
          alongside: (manager) => this.repository.finishImport(claimId, compilation, manager),
        });
      } catch (error) {
        await this.repository.release(claimId);
        const message = error instanceof HttpException ? error.message : String(error);
        throw new Error(`not imported: ${message.replace(/^Error: /, '')}`, { cause: error });
      }
    }
    if (settings.action === 'move') await this.files.remove(source);
    return { state: 'imported', sha256, mediaId: claim.mediaId };
  }

  /**
   * What an imported `compilation` file becomes in the target project: a compilation without
   * a job, with where it came from and what its manifest said. Clips get none.
   */
  private compilationOf(
    context: ArtifactContext,
    mediaType: MediaType,
    mediaId: string,
    path: string,
  ): ImportedCompilation | null {
    const { target, manifest } = context;
    if (!target.project || mediaType !== 'compilation') return null;
    return {
      projectId: target.project.id,
      ownerId: target.user.id,
      mediaId,
      ingestWorkerId: context.workerId,
      ingestPath: path,
      ingestOutput: manifest && {
        durationSeconds: manifest.durationSeconds,
        renderSeconds: manifest.renderSeconds,
        encoder: manifest.encoder,
        chapters: manifest.chapters,
      },
    };
  }

  /** Imported before; a move cut short before its source went finishes now. */
  private async already(
    context: ArtifactContext,
    source: string,
    sha256: string,
    mediaId: string,
  ): Promise<Partial<IngestArtifactDto>> {
    if (context.settings.action === 'move' && !context.dryRun) await this.files.remove(source);
    return { state: 'skipped', sha256, mediaId, reason: 'already imported' };
  }

  private async regenThumbnails(ownerId: string): Promise<void> {
    for (const media of await this.repository.withoutThumbnail(ownerId)) {
      await this.thumbnails.request(media);
    }
  }
}
