import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  CLIP_REJECTIONS,
  PROJECT_RULES,
  type AddClipsResponse,
  type ClipDto,
  type ClipListDto,
  type ClipRejection,
  type ClipState,
} from '@clippyfront/shared';
import { catchError, concatMap, from, map, Observable, reduce, throwError } from 'rxjs';

export type RejectedClipUrl = AddClipsResponse['rejected'][number];

/** States in which a clip still changes by itself (the list is re-read while one is shown). */
export const ACTIVE_CLIP_STATES: readonly ClipState[] = ['queued', 'downloading'];

export function isClipActive(clip: Pick<ClipDto, 'state'>): boolean {
  return ACTIVE_CLIP_STATES.includes(clip.state);
}

function toRejected(value: unknown): RejectedClipUrl | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  if (typeof entry['url'] !== 'string') return null;
  const reason = (CLIP_REJECTIONS as readonly unknown[]).includes(entry['reason'])
    ? (entry['reason'] as ClipRejection)
    : 'invalid-url';
  const message =
    typeof entry['message'] === 'string' && entry['message'].trim() !== ''
      ? entry['message']
      : `Not accepted (${String(entry['reason'] ?? 'unknown reason')}).`;
  return { url: entry['url'], reason, message };
}

function rejectedList(value: unknown): RejectedClipUrl[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const list = value.map(toRejected).filter((r): r is RejectedClipUrl => r !== null);
  return list.length > 0 ? list : null;
}

/**
 * The rejected URLs of a `POST /api/projects/:id/clips` that accepted none (400). The API puts
 * them beside the message (`{statusCode, message, rejected}`); a body with them inside `message`
 * is read as well. Null for any other error (validation of the request itself, network…).
 */
export function rejectedFromError(error: unknown): RejectedClipUrl[] | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return null;
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const direct = rejectedList(record['rejected']);
  if (direct) return direct;
  const message = record['message'];
  if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
    return rejectedList((message as Record<string, unknown>)['rejected']);
  }
  return null;
}

/** The clips of a project (`/api/projects/:id/clips`) and their images. */
@Injectable({ providedIn: 'root' })
export class ClipsService {
  private readonly http = inject(HttpClient);

  list(projectId: string): Observable<ClipListDto> {
    return this.http.get<ClipListDto>(API_PATHS.projects.clips(encodeURIComponent(projectId)));
  }

  /**
   * Adds up to `PROJECT_RULES.maxUrlsPerRequest` URLs in one request. A 400 that lists rejected
   * URLs (none was accepted) is an answer, not an error: `{accepted: [], rejected}`.
   */
  add(projectId: string, urls: readonly string[]): Observable<AddClipsResponse> {
    return this.http
      .post<AddClipsResponse>(API_PATHS.projects.clips(encodeURIComponent(projectId)), {
        urls: [...urls],
      })
      .pipe(
        map((response) => ({
          accepted: response.accepted ?? [],
          rejected: rejectedList(response.rejected) ?? [],
        })),
        catchError((error: unknown) => {
          const rejected = rejectedFromError(error);
          return rejected ? [{ accepted: [], rejected }] : throwError(() => error);
        }),
      );
  }

  /** Any number of URLs: sent in batches the API accepts, one after the other, answers merged. */
  addAll(projectId: string, urls: readonly string[]): Observable<AddClipsResponse> {
    const size = PROJECT_RULES.maxUrlsPerRequest;
    const batches: string[][] = [];
    for (let i = 0; i < urls.length; i += size) batches.push(urls.slice(i, i + size));
    if (batches.length === 0) return from([{ accepted: [], rejected: [] }]);
    return from(batches).pipe(
      concatMap((batch) => this.add(projectId, batch)),
      reduce<AddClipsResponse, AddClipsResponse>(
        (all, one) => ({
          accepted: [...all.accepted, ...one.accepted],
          rejected: [...all.rejected, ...one.rejected],
        }),
        { accepted: [], rejected: [] },
      ),
    );
  }

  remove(projectId: string, clipId: string): Observable<void> {
    return this.http
      .delete<unknown>(
        API_PATHS.projects.clip(encodeURIComponent(projectId), encodeURIComponent(clipId)),
      )
      .pipe(map(() => undefined));
  }

  retry(projectId: string, clipId: string): Observable<void> {
    return this.http
      .post<unknown>(
        API_PATHS.projects.clipRetry(encodeURIComponent(projectId), encodeURIComponent(clipId)),
        {},
      )
      .pipe(map(() => undefined));
  }

  thumbnailUrl(clipId: string): string {
    return API_PATHS.clips.thumbnail(encodeURIComponent(clipId));
  }

  avatarUrl(clipId: string): string {
    return API_PATHS.clips.avatar(encodeURIComponent(clipId));
  }
}
