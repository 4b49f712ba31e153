import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_PATHS, type TierDto } from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/** Tiers (plans), for admins. */
@Injectable({ providedIn: 'root' })
export class AdminTiersService {
  private readonly http = inject(HttpClient);

  list(): Observable<TierDto[]> {
    return this.http.get<TierDto[]>(API_PATHS.admin.tiers);
  }
}
