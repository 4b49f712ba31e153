import { inject, Injectable } from '@angular/core';
import type { MediaDto } from '@clippyfront/shared';
import { catchError, forkJoin, map, type Observable, of, switchMap, throwError } from 'rxjs';
import { isNotFound } from '../../../core/api-error';
import { MediaService } from '../../../core/media.service';
import { ArrangementService } from '../arrange/arrangement.service';

type Length = Pick<MediaDto, 'durationSeconds'>;

/** A project's intro, outro and transitions with their lengths: what the estimate adds. */
export interface ArrangedMedia {
  intro: Length | null;
  outro: Length | null;
  /** In the order they are cycled. */
  transitions: Length[];
  randomize: boolean;
}

/** The arrangement and each chosen media's length (a media that is gone counts as not chosen). */
@Injectable({ providedIn: 'root' })
export class ArrangedMediaService {
  private readonly arrangementService = inject(ArrangementService);
  private readonly mediaService = inject(MediaService);

  load(projectId: string): Observable<ArrangedMedia> {
    return this.arrangementService.arrangement(projectId).pipe(
      switchMap((arrangement) => {
        const chosen = [arrangement.introId, arrangement.outroId, ...arrangement.transitionIds];
        const ids = [...new Set(chosen.filter((id): id is string => !!id))];
        const lengths$ = ids.length
          ? forkJoin(ids.map((id) => this.length(id)))
          : of([] as (Length | null)[]);
        return lengths$.pipe(
          map((lengths) => {
            const byId = new Map(ids.map((id, i) => [id, lengths[i] ?? null]));
            const lengthOf = (id: string | null) => (id ? (byId.get(id) ?? null) : null);
            return {
              intro: lengthOf(arrangement.introId),
              outro: lengthOf(arrangement.outroId),
              transitions: arrangement.transitionIds.flatMap((id) => lengthOf(id) ?? []),
              randomize: arrangement.randomizeTransitions,
            };
          }),
        );
      }),
    );
  }

  private length(id: string): Observable<Length | null> {
    return this.mediaService.get(id).pipe(
      map((media) => ({ durationSeconds: media.durationSeconds })),
      catchError((error: unknown) => (isNotFound(error) ? of(null) : throwError(() => error))),
    );
  }
}
