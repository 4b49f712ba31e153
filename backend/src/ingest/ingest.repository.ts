import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { IngestScanResultDto } from '@clippyfront/shared';
import { CompilationEntity } from '../compilations/compilation.entity.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import type { NewProject } from '../projects/projects.repository.js';
import { UserEntity } from '../users/user.entity.js';
import { IngestImportEntity } from './ingest-import.entity.js';

/** The compilation an imported `compilation` file becomes, in the target project. */
export type ImportedCompilation = Pick<
  CompilationEntity,
  'projectId' | 'ownerId' | 'mediaId' | 'ingestWorkerId' | 'ingestPath' | 'ingestOutput'
>;

export type NewClaim = Pick<
  IngestImportEntity,
  'path' | 'sha256' | 'mediaId' | 'ownerId' | 'projectId' | 'sizeBytes' | 'mtimeMs'
>;

/** The ingest importer's database work: its imports, the target user and project, scans. */
@Injectable()
export class IngestRepository {
  constructor(
    @InjectRepository(IngestImportEntity)
    private readonly imports: Repository<IngestImportEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
    @InjectRepository(MediaEntity) private readonly media: Repository<MediaEntity>,
  ) {}

  /** Usernames are unique regardless of case. */
  findUser(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  /** The user's oldest project of that name (names are not unique). */
  findProject(ownerId: string, name: string): Promise<ProjectEntity | null> {
    return this.projects.findOne({ where: { ownerId, name }, order: { createdAt: 'ASC' } });
  }

  createProject(input: NewProject): Promise<ProjectEntity> {
    return this.projects.save(this.projects.create(input));
  }

  /** Finished imports of this path (any content). */
  importedAt(path: string): Promise<IngestImportEntity[]> {
    return this.imports.findBy({ path, state: 'imported' });
  }

  find(path: string, sha256: string): Promise<IngestImportEntity | null> {
    return this.imports.findOneBy({ path, sha256 });
  }

  /** The claim, or null when (path, sha256) is already claimed or imported. */
  async claim(input: NewClaim): Promise<IngestImportEntity | null> {
    const result = await this.imports
      .createQueryBuilder()
      .insert()
      .values({ ...input, state: 'importing' })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? this.imports.findOneByOrFail({ id }) : null;
  }

  /**
   * Marks the claim imported and makes its compilation (none when one is there already: one per
   * import), in `manager`'s transaction (the media row's) or a new one.
   */
  async finishImport(
    claimId: string,
    compilation: ImportedCompilation | null,
    manager?: EntityManager,
  ): Promise<void> {
    const finish = async (m: EntityManager) => {
      if (compilation) {
        await m
          .createQueryBuilder()
          .insert()
          .into(CompilationEntity)
          .values({
            ...compilation,
            source: 'ingest',
            jobId: null,
            settings: null,
            artifact: null,
            ingestImportId: claimId,
          })
          .orIgnore()
          .execute();
      }
      await m.update(
        IngestImportEntity,
        { id: claimId },
        { state: 'imported', importedAt: new Date() },
      );
    };
    await (manager ? finish(manager) : this.imports.manager.transaction(finish));
  }

  /** A claim whose import failed: the next scan tries again. */
  async release(id: string): Promise<void> {
    await this.imports.delete({ id, state: 'importing' });
  }

  mediaExists(id: string): Promise<boolean> {
    return this.media.existsBy({ id });
  }

  /** Media this ingest made that have no thumbnail (for --regen-thumbnails). */
  withoutThumbnail(ownerId: string): Promise<MediaEntity[]> {
    return this.media
      .createQueryBuilder('media')
      .innerJoin(IngestImportEntity, 'import', 'import.media_id = media.id')
      .where('media.ownerId = :ownerId', { ownerId })
      .andWhere("import.state = 'imported'")
      .andWhere('media.thumbnailPath IS NULL')
      .getMany();
  }

  countImported(): Promise<number> {
    return this.imports.countBy({ state: 'imported' });
  }

  recentImports(limit: number): Promise<IngestImportEntity[]> {
    return this.imports.find({
      where: { state: 'imported' },
      order: { importedAt: 'DESC' },
      take: limit,
    });
  }

  async saveLastScan(result: IngestScanResultDto): Promise<void> {
    await this.imports.query(
      `INSERT INTO ingest_scans (id, result, finished_at) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET result = EXCLUDED.result, finished_at = EXCLUDED.finished_at`,
      [JSON.stringify(result), result.finishedAt],
    );
  }

  async lastScan(): Promise<IngestScanResultDto | null> {
    const rows = (await this.imports.query(`SELECT result FROM ingest_scans WHERE id = 1`)) as {
      result: IngestScanResultDto;
    }[];
    return rows[0]?.result ?? null;
  }
}
