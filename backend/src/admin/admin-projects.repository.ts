import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdminProjectDto, CompilationSource, JobState } from '@clippyfront/shared';

export interface AdminProjectFilter {
  /** Text in the project's name or its owner's username. */
  q?: string;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  name: string;
  owner_id: string;
  username: string;
  clip_count: number;
  last_state: JobState | null;
  last_at: Date | null;
  last_source: CompilationSource | null;
  created_at: Date;
  updated_at: Date;
  total: number;
}

/** Every user's projects with their owner, clip count and latest compilation, newest first. */
@Injectable()
export class AdminProjectsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: AdminProjectFilter): Promise<[AdminProjectDto[], number]> {
    const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.name, p.owner_id, u.username, p.created_at, p.updated_at,
         (SELECT COUNT(*)::int FROM clips c WHERE c.project_id = p.id) AS clip_count,
         last.state AS last_state, last.at AS last_at, last.source AS last_source,
         COUNT(*) OVER ()::int AS total
       FROM projects p
       JOIN users u ON u.id = p.owner_id
       LEFT JOIN LATERAL (
         SELECT CASE WHEN c.source = 'ingest' THEN 'completed' ELSE j.state END AS state,
           COALESCE(j.finished_at, c.created_at) AS at, c.source
         FROM compilations c LEFT JOIN jobs j ON j.id = c.job_id
         WHERE c.project_id = p.id
         ORDER BY c.created_at DESC LIMIT 1
       ) last ON true
       WHERE $1::text IS NULL OR p.name ILIKE $1 OR u.username ILIKE $1
       ORDER BY p.created_at DESC, p.id
       LIMIT $2 OFFSET $3`,
      [pattern, filter.limit, filter.offset],
    )) as Row[];
    const total = rows[0]?.total ?? (filter.offset > 0 ? await this.count(pattern) : 0);
    return [rows.map(toDto), total];
  }

  /** The total when the page is past the end (no row carries it). */
  private async count(pattern: string | null): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT COUNT(*)::int AS total FROM projects p JOIN users u ON u.id = p.owner_id
       WHERE $1::text IS NULL OR p.name ILIKE $1 OR u.username ILIKE $1`,
      [pattern],
    )) as { total: number }[];
    return row?.total ?? 0;
  }
}

function toDto(row: Row): AdminProjectDto {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.owner_id,
    ownerUsername: row.username,
    clipCount: row.clip_count,
    lastCompilation:
      row.last_state && row.last_at
        ? {
            state: row.last_state,
            at: new Date(row.last_at).toISOString(),
            source: row.last_source ?? 'render',
          }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
