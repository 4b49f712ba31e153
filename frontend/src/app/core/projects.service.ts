import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type CreateProjectRequest,
  type ProjectDto,
  type ProjectListDto,
  type UpdateProjectRequest,
} from '@clippyfront/shared';
import { map, Observable } from 'rxjs';

export interface ProjectListQuery {
  /** Text in the name. */
  q?: string | null;
  limit?: number;
  offset?: number;
}

/** The caller's projects (`/api/projects`). */
@Injectable({ providedIn: 'root' })
export class ProjectsService {
  private readonly http = inject(HttpClient);

  list(query: ProjectListQuery = {}): Observable<ProjectListDto> {
    let params = new HttpParams();
    const q = query.q?.trim();
    if (q) params = params.set('q', q);
    if (query.limit != null) params = params.set('limit', query.limit);
    if (query.offset != null) params = params.set('offset', query.offset);
    return this.http.get<ProjectListDto>(API_PATHS.projects.list, { params });
  }

  get(id: string): Observable<ProjectDto> {
    return this.http.get<ProjectDto>(API_PATHS.projects.item(encodeURIComponent(id)));
  }

  create(request: CreateProjectRequest): Observable<ProjectDto> {
    return this.http.post<ProjectDto>(API_PATHS.projects.list, request);
  }

  update(id: string, changes: UpdateProjectRequest): Observable<ProjectDto> {
    return this.http.patch<ProjectDto>(API_PATHS.projects.item(encodeURIComponent(id)), changes);
  }

  delete(id: string): Observable<void> {
    return this.http
      .delete<unknown>(API_PATHS.projects.item(encodeURIComponent(id)))
      .pipe(map(() => undefined));
  }
}
