import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CompilationEntity } from '../compilations/compilation.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';

/** Projects' sharing columns and the compilation a share page shows. */
@Injectable()
export class SharingRepository {
  constructor(
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
    @InjectRepository(CompilationEntity)
    private readonly compilations: Repository<CompilationEntity>,
  ) {}

  findById(id: string): Promise<ProjectEntity | null> {
    return this.projects.findOneBy({ id });
  }

  /** By the unique index: one lookup whatever the id (a known, disabled or unknown one). */
  findByPublicId(publicId: string): Promise<ProjectEntity | null> {
    return this.projects.findOneBy({ publicId });
  }

  async update(id: string, changes: Partial<Pick<ProjectEntity, 'publicId' | 'sharingEnabled'>>) {
    await this.projects.update({ id }, changes);
  }

  /**
   * The newest compilation of the project whose render finished (or that was imported) and
   * whose video still exists.
   */
  latestFinished(projectId: string): Promise<CompilationEntity | null> {
    return this.compilations
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.job', 'job')
      .innerJoinAndSelect('c.media', 'media')
      .where('c.projectId = :projectId', { projectId })
      .andWhere("(c.source = 'ingest' OR job.state = 'completed')")
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .getOne();
  }
}
