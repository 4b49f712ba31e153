import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_PATHS, type HealthDto } from '@clippyfront/shared';
import { catchError, Observable, of, throwError } from 'rxjs';

function looksLikeHealth(value: unknown): value is HealthDto {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    'version' in value &&
    'database' in value
  );
}

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  /**
   * Reads `/api/health`. A degraded instance may answer 503 with a full health body;
   * that body is still a health report, so it is returned instead of an error.
   */
  get(): Observable<HealthDto> {
    return this.http
      .get<HealthDto>(API_PATHS.health)
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && looksLikeHealth(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }
}
