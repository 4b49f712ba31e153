import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  TIMELINE_REFUSALS,
  type ArrangementDto,
  type TimelineDto,
  type TimelineRefusedDto,
  type TimelineRefusal,
} from '@clippyfront/shared';
import type { Observable } from 'rxjs';

export type RefusedTimelineClip = TimelineRefusedDto['refused'][number];

/** The refused ids of a `PUT …/timeline` answered 400, or null for any other error. */
export function refusedFromError(error: unknown): RefusedTimelineClip[] | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return null;
  const refused = (error.error as { refused?: unknown } | null)?.refused;
  if (!Array.isArray(refused)) return null;
  const list = refused.flatMap((entry: unknown) => {
    const item = entry as Partial<RefusedTimelineClip> | null;
    if (typeof item?.clipId !== 'string') return [];
    const reason: TimelineRefusal = TIMELINE_REFUSALS.includes(item.reason as TimelineRefusal)
      ? (item.reason as TimelineRefusal)
      : 'not-in-project';
    return [{ clipId: item.clipId, reason, message: String(item.message ?? reason) }];
  });
  return list.length ? list : null;
}

/** A project's arrangement and timeline (`/api/projects/:id/arrangement|timeline`). */
@Injectable({ providedIn: 'root' })
export class ArrangementService {
  private readonly http = inject(HttpClient);

  arrangement(projectId: string): Observable<ArrangementDto> {
    return this.http.get<ArrangementDto>(
      API_PATHS.projects.arrangement(encodeURIComponent(projectId)),
    );
  }

  saveArrangement(projectId: string, arrangement: ArrangementDto): Observable<ArrangementDto> {
    return this.http.put<ArrangementDto>(
      API_PATHS.projects.arrangement(encodeURIComponent(projectId)),
      arrangement,
    );
  }

  timeline(projectId: string): Observable<TimelineDto> {
    return this.http.get<TimelineDto>(API_PATHS.projects.timeline(encodeURIComponent(projectId)));
  }

  /** Exactly these clips, in this order. */
  saveTimeline(projectId: string, clipIds: readonly string[]): Observable<TimelineDto> {
    return this.http.put<TimelineDto>(API_PATHS.projects.timeline(encodeURIComponent(projectId)), {
      clipIds: [...clipIds],
    });
  }
}
