import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type MediaBulkRequest,
  type MediaBulkResultDto,
  type MediaDto,
  type MediaListDto,
  type MediaSort,
  type MediaType,
  type MediaUsageDto,
  type UpdateMediaRequest,
} from '@clippyfront/shared';
import { map, Observable } from 'rxjs';

export interface MediaListQuery {
  type?: MediaType | null;
  tag?: string | null;
  /** Text in the name. */
  q?: string | null;
  sort?: MediaSort | null;
  limit?: number;
  offset?: number;
}

/** The caller's media library (`/api/media`). */
@Injectable({ providedIn: 'root' })
export class MediaService {
  private readonly http = inject(HttpClient);

  list(query: MediaListQuery = {}): Observable<MediaListDto> {
    let params = new HttpParams();
    if (query.type) params = params.set('type', query.type);
    const tag = query.tag?.trim();
    if (tag) params = params.set('tag', tag);
    const q = query.q?.trim();
    if (q) params = params.set('q', q);
    if (query.sort) params = params.set('sort', query.sort);
    if (query.limit != null) params = params.set('limit', query.limit);
    if (query.offset != null) params = params.set('offset', query.offset);
    return this.http.get<MediaListDto>(API_PATHS.media.list, { params });
  }

  get(id: string): Observable<MediaDto> {
    return this.http.get<MediaDto>(API_PATHS.media.item(encodeURIComponent(id)));
  }

  update(id: string, changes: UpdateMediaRequest): Observable<MediaDto> {
    return this.http.patch<MediaDto>(API_PATHS.media.item(encodeURIComponent(id)), changes);
  }

  delete(id: string): Observable<void> {
    return this.http
      .delete<unknown>(API_PATHS.media.item(encodeURIComponent(id)))
      .pipe(map(() => undefined));
  }

  bulk(request: MediaBulkRequest): Observable<MediaBulkResultDto> {
    return this.http.post<MediaBulkResultDto>(API_PATHS.media.bulk, request);
  }

  usage(): Observable<MediaUsageDto> {
    return this.http.get<MediaUsageDto>(API_PATHS.media.usage);
  }

  /** The file itself, with Range support: a player's source and the download link. */
  streamUrl(id: string): string {
    return API_PATHS.media.stream(encodeURIComponent(id));
  }

  thumbnailUrl(id: string): string {
    return API_PATHS.media.thumbnail(encodeURIComponent(id));
  }
}
