import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_PATHS, type AdminProjectListDto } from '@clippyfront/shared';
import { map, type Observable } from 'rxjs';

export interface AdminProjectQuery {
  q?: string | null;
  limit?: number;
  offset?: number;
}

/** Every user's projects (admins only). */
@Injectable({ providedIn: 'root' })
export class AdminProjectsService {
  private readonly http = inject(HttpClient);

  list(query: AdminProjectQuery = {}): Observable<AdminProjectListDto> {
    let params = new HttpParams();
    const q = query.q?.trim();
    if (q) params = params.set('q', q);
    if (query.limit != null) params = params.set('limit', query.limit);
    if (query.offset != null) params = params.set('offset', query.offset);
    return this.http.get<AdminProjectListDto>(API_PATHS.admin.projects, { params });
  }

  delete(id: string): Observable<void> {
    return this.http
      .delete<unknown>(API_PATHS.admin.project(encodeURIComponent(id)))
      .pipe(map(() => undefined));
  }
}
