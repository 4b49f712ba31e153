import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_PATHS, type UsageDto } from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/** The caller's plan (tier), storage used and render time used this month. */
@Injectable({ providedIn: 'root' })
export class UsageService {
  private readonly http = inject(HttpClient);

  get(): Observable<UsageDto> {
    return this.http.get<UsageDto>(API_PATHS.auth.usage);
  }
}
