import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { CompilationArtifactDto, CompileSettingsDto } from '@clippyfront/shared';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { CompilationEntity } from './compilation.entity.js';

const WITH_JOB_AND_MEDIA = { job: true, media: true } as const;

/** Compilation rows, each read with its job and media. */
@Injectable()
export class CompilationsRepository {
  constructor(
    @InjectRepository(CompilationEntity)
    private readonly compilations: Repository<CompilationEntity>,
    @InjectRepository(ProjectEntity)
    private readonly projects: Repository<ProjectEntity>,
    @InjectRepository(MediaEntity)
    private readonly media: Repository<MediaEntity>,
  ) {}

  /** Name and duration (null: unknown) of each media item, by id. */
  async mediaFacts(
    ids: string[],
  ): Promise<Map<string, { name: string; durationSeconds: number | null }>> {
    if (!ids.length) return new Map();
    const rows = await this.media.find({
      select: { id: true, name: true, durationSeconds: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map(({ id, name, durationSeconds }) => [id, { name, durationSeconds }]));
  }

  project(id: string): Promise<ProjectEntity | null> {
    return this.projects.findOneBy({ id });
  }

  async create(row: {
    projectId: string;
    ownerId: string;
    jobId: string;
    settings: CompileSettingsDto;
  }): Promise<CompilationEntity> {
    const saved = await this.compilations.save(this.compilations.create({ ...row, mediaId: null }));
    return (await this.findById(saved.id))!;
  }

  findById(id: string): Promise<CompilationEntity | null> {
    return this.compilations.findOne({ where: { id }, relations: WITH_JOB_AND_MEDIA });
  }

  findByJob(jobId: string): Promise<CompilationEntity | null> {
    return this.compilations.findOne({ where: { jobId }, relations: WITH_JOB_AND_MEDIA });
  }

  listForProject(projectId: string): Promise<CompilationEntity[]> {
    return this.compilations.find({
      where: { projectId },
      relations: WITH_JOB_AND_MEDIA,
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * Replaces the artifact state when it is still `expected` (what the caller read): false when
   * another report changed it meanwhile.
   */
  async replaceArtifact(
    id: string,
    expected: CompilationArtifactDto | null,
    artifact: CompilationArtifactDto,
  ): Promise<boolean> {
    const [, affected] = (await this.compilations.query(
      `UPDATE compilations SET artifact = $2::jsonb
       WHERE id = $1 AND artifact IS NOT DISTINCT FROM $3::jsonb`,
      [id, JSON.stringify(artifact), expected === null ? null : JSON.stringify(expected)],
    )) as [unknown, number];
    return affected > 0;
  }

  /** A compile of the project that has not finished. */
  async hasActive(projectId: string): Promise<boolean> {
    return this.compilations.exists({
      where: { projectId, job: { state: In(['queued', 'running']) } },
      relations: { job: true },
    });
  }

  /** The media a compilation had before (to remove), or false when the compilation is gone. */
  async setMedia(id: string, mediaId: string): Promise<string | null | false> {
    return this.compilations.manager.transaction(async (manager) => {
      const row = await manager.findOne(CompilationEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return false;
      await manager.update(CompilationEntity, { id }, { mediaId });
      return row.mediaId;
    });
  }
}
