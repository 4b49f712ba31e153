import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { OwnerScope } from '../common/ownership.js';
import { newPublicId } from '../sharing/public-id.js';
import { ProjectEntity } from './project.entity.js';

export interface ProjectFilter extends OwnerScope {
  q?: string;
  limit: number;
  offset: number;
}

export type NewProject = Pick<ProjectEntity, 'ownerId' | 'name' | 'description' | 'output'>;

@Injectable()
export class ProjectsRepository {
  constructor(
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
  ) {}

  create(input: NewProject): Promise<ProjectEntity> {
    return this.projects.save(this.projects.create({ ...input, publicId: newPublicId() }));
  }

  findById(id: string): Promise<ProjectEntity | null> {
    return this.projects.findOneBy({ id });
  }

  /** Newest first. */
  list(filter: ProjectFilter): Promise<[ProjectEntity[], number]> {
    const query = this.projects.createQueryBuilder('project');
    if (filter.ownerId) {
      query.andWhere('project.ownerId = :ownerId', { ownerId: filter.ownerId });
    }
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('project.name ILIKE :pattern', { pattern });
    }
    return query
      .orderBy('project.createdAt', 'DESC')
      .addOrderBy('project.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
  }

  /** How many clips each project has (projects without clips are absent). */
  async clipCounts(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = (await this.projects.query(
      `SELECT project_id, COUNT(*)::int AS count FROM clips
       WHERE project_id = ANY($1::uuid[]) GROUP BY project_id`,
      [ids],
    )) as { project_id: string; count: number }[];
    return new Map(rows.map((row) => [row.project_id, row.count]));
  }

  async update(id: string, changes: Partial<NewProject>): Promise<void> {
    await this.projects.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.projects.delete({ id });
  }
}
