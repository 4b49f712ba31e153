import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, QueryFailedError, type Repository } from 'typeorm';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';

export type ArrangedProject = Pick<
  ProjectEntity,
  | 'id'
  | 'ownerId'
  | 'output'
  | 'introMediaId'
  | 'outroMediaId'
  | 'transitionMediaIds'
  | 'randomizeTransitions'
>;

export type Arrangement = Pick<
  ProjectEntity,
  'introMediaId' | 'outroMediaId' | 'transitionMediaIds' | 'randomizeTransitions'
>;

export type MediaTypeRow = Pick<MediaEntity, 'id' | 'name' | 'type'>;

const FOREIGN_KEY_VIOLATION = '23503';

/** A project's arrangement columns and the media they name. */
@Injectable()
export class ArrangementRepository {
  constructor(
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
    @InjectRepository(MediaEntity) private readonly media: Repository<MediaEntity>,
  ) {}

  findProject(id: string): Promise<ArrangedProject | null> {
    return this.projects.findOne({
      where: { id },
      select: {
        id: true,
        ownerId: true,
        output: true,
        introMediaId: true,
        outroMediaId: true,
        transitionMediaIds: true,
        randomizeTransitions: true,
      },
    });
  }

  /** Which of these media exist and belong to the owner (in no particular order). */
  mediaOf(ownerId: string, ids: string[]): Promise<MediaTypeRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.media.find({
      where: { id: In(ids), ownerId },
      select: { id: true, name: true, type: true },
    });
  }

  /** False when an intro or outro was deleted meanwhile (its foreign key refused the row). */
  async save(projectId: string, arrangement: Arrangement): Promise<boolean> {
    try {
      await this.projects.update({ id: projectId }, arrangement);
      return true;
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (error instanceof QueryFailedError && code === FOREIGN_KEY_VIOLATION) return false;
      throw error;
    }
  }
}
