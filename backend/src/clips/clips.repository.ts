import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, QueryFailedError, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { ClipMetadataDto, ClipSource } from '@clippyfront/shared';
import { ProjectEntity } from '../projects/project.entity.js';
import { ClipEntity } from './clip.entity.js';

export interface NewClip {
  projectId: string;
  ownerId: string;
  sourceUrl: string;
  normalizedUrl: string;
  source: ClipSource;
  mediaId?: string | null;
  jobId?: string | null;
  reused?: boolean;
}

/** What a removed clip held on to. */
export interface ReleasedClip {
  mediaId: string | null;
  jobId: string | null;
}

const UNIQUE_VIOLATION = '23505';

/** Every clips-table query; the ones that read a clip's state join its media and job. */
@Injectable()
export class ClipsRepository {
  constructor(
    @InjectRepository(ClipEntity) private readonly clips: Repository<ClipEntity>,
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
  ) {}

  findProject(id: string): Promise<Pick<ProjectEntity, 'id' | 'ownerId'> | null> {
    return this.projects.findOne({ where: { id }, select: { id: true, ownerId: true } });
  }

  findById(id: string): Promise<ClipEntity | null> {
    return this.clips.findOneBy({ id });
  }

  /** Clips with the media and job columns their state is read from. */
  private withState(): SelectQueryBuilder<ClipEntity> {
    return this.clips
      .createQueryBuilder('clip')
      .leftJoin('clip.media', 'media')
      .addSelect(['media.id', 'media.type', 'media.thumbnailPath', 'media.durationSeconds'])
      .leftJoin('clip.job', 'job')
      .addSelect(['job.id', 'job.state', 'job.progress', 'job.error']);
  }

  /** A project's clips, in the order they were added. */
  listWithState(projectId: string): Promise<ClipEntity[]> {
    return this.withState()
      .where('clip.projectId = :projectId', { projectId })
      .orderBy('clip.createdAt', 'ASC')
      .addOrderBy('clip.id', 'ASC')
      .getMany();
  }

  async findWithState(ids: string[]): Promise<ClipEntity[]> {
    if (!ids.length) return [];
    const rows = await this.withState().where('clip.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Which of these normalized URLs the project already has. */
  async urlsInProject(projectId: string, normalizedUrls: string[]): Promise<Set<string>> {
    if (!normalizedUrls.length) return new Set();
    const rows = await this.clips.find({
      where: { projectId, normalizedUrl: In(normalizedUrls) },
      select: { normalizedUrl: true },
    });
    return new Set(rows.map((row) => row.normalizedUrl));
  }

  /** Media the owner already downloaded from this URL (in any project), if any. */
  async findDownloadedMedia(ownerId: string, normalizedUrl: string): Promise<string | null> {
    const row = await this.clips
      .createQueryBuilder('clip')
      .select('clip.mediaId', 'mediaId')
      .where('clip.ownerId = :ownerId AND clip.normalizedUrl = :normalizedUrl', {
        ownerId,
        normalizedUrl,
      })
      .andWhere('clip.mediaId IS NOT NULL')
      .orderBy('clip.createdAt', 'DESC')
      .limit(1)
      .getRawOne<{ mediaId: string }>();
    return row?.mediaId ?? null;
  }

  /** A queued or running download of this URL for the owner, if any. */
  async findDownloadInFlight(ownerId: string, normalizedUrl: string): Promise<string | null> {
    const row = await this.clips
      .createQueryBuilder('clip')
      .innerJoin('clip.job', 'job')
      .select('job.id', 'jobId')
      .where('clip.ownerId = :ownerId AND clip.normalizedUrl = :normalizedUrl', {
        ownerId,
        normalizedUrl,
      })
      .andWhere("job.state IN ('queued', 'running')")
      .andWhere('clip.mediaId IS NULL')
      .orderBy('job.createdAt', 'DESC')
      .limit(1)
      .getRawOne<{ jobId: string }>();
    return row?.jobId ?? null;
  }

  /** The new clip; null when the project got the same URL meanwhile (unique index). */
  async create(input: NewClip): Promise<ClipEntity | null> {
    try {
      return await this.clips.save(this.clips.create(input));
    } catch (error) {
      const code = (error as QueryFailedError & { driverError?: { code?: string } }).driverError
        ?.code;
      if (error instanceof QueryFailedError && code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  async setMetadata(
    id: string,
    metadata: ClipMetadataDto | null,
    avatarPath: string | null,
  ): Promise<void> {
    const { clipCreatedAt, ...rest } = metadata ?? {};
    await this.clips.update(
      { id },
      {
        ...rest,
        ...(clipCreatedAt !== undefined && {
          clipCreatedAt: clipCreatedAt ? new Date(clipCreatedAt) : null,
        }),
        ...(avatarPath && { avatarPath }),
      },
    );
  }

  async setJob(id: string, jobId: string): Promise<void> {
    await this.clips.update({ id }, { jobId });
  }

  /** Takes the clip off its project's timeline. */
  async leaveTimeline(id: string): Promise<void> {
    await this.clips.update({ id }, { timelinePosition: null });
  }

  async setReusedMedia(id: string, mediaId: string): Promise<void> {
    await this.clips.update({ id }, { mediaId, jobId: null, reused: true });
  }

  /**
   * The clips a download job feeds: those naming the job, and the clip it was queued for
   * (which may not name it yet, for the instant between queueing and saving its id).
   */
  forJob(jobId: string, clipId: string): Promise<ClipEntity[]> {
    return this.clips
      .createQueryBuilder('clip')
      .where('clip.jobId = :jobId', { jobId })
      .orWhere('(clip.id = :clipId AND clip.jobId IS NULL)', { clipId })
      .orderBy('clip.createdAt', 'ASC')
      .getMany();
  }

  /** Gives the job's clips that still lack media this media; answers how many. */
  async attachMedia(jobId: string, clipId: string, mediaId: string): Promise<number> {
    const result = await this.clips
      .createQueryBuilder()
      .update()
      .set({ mediaId, jobId })
      .where('mediaId IS NULL')
      .andWhere('(jobId = :jobId OR (id = :clipId AND jobId IS NULL))', { jobId, clipId })
      .execute();
    return result.affected ?? 0;
  }

  async delete(id: string): Promise<void> {
    await this.clips.delete({ id });
  }

  /** Deletes a project's clips; answers what they held on to. */
  async deleteAllOf(projectId: string): Promise<ReleasedClip[]> {
    const [rows] = (await this.clips.query(
      'DELETE FROM clips WHERE project_id = $1 RETURNING media_id, job_id',
      [projectId],
    )) as [{ media_id: string | null; job_id: string | null }[], number];
    return rows.map((row) => ({ mediaId: row.media_id, jobId: row.job_id }));
  }

  /** Which of these media some clip still uses. */
  async mediaInUse(mediaIds: string[]): Promise<Set<string>> {
    if (!mediaIds.length) return new Set();
    const rows = await this.clips.find({
      where: { mediaId: In(mediaIds) },
      select: { mediaId: true },
    });
    return new Set(rows.map((row) => row.mediaId!));
  }

  /** Which of these jobs some clip still waits for. */
  async jobsInUse(jobIds: string[]): Promise<Set<string>> {
    if (!jobIds.length) return new Set();
    const rows = await this.clips.find({ where: { jobId: In(jobIds) }, select: { jobId: true } });
    return new Set(rows.map((row) => row.jobId!));
  }
}
