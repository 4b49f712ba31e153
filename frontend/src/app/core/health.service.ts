import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_PATHS, type HealthAnswer } from '@clippyfront/shared';
import { catchError, Observable, of, throwError } from 'rxjs';

function looksLikeHealth(value: unknown): value is HealthAnswer {
  return typeof value === 'object' && value !== null && 'status' in value && 'detailed' in value;
}

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  /**
   * Reads `/api/health` (the full report for admins, the status alone otherwise). A degraded
   * instance answers 503 with a health body; that is still a report, returned, not an error.
   */
  get(): Observable<HealthAnswer> {
    return this.http
      .get<HealthAnswer>(API_PATHS.health)
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && looksLikeHealth(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }
}
