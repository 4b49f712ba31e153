import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type CreateTierRequest,
  type TierDto,
  type UpdateTierRequest,
} from '@clippyfront/shared';
import { map, type Observable } from 'rxjs';

/** Tiers (plans), for admins. */
@Injectable({ providedIn: 'root' })
export class AdminTiersService {
  private readonly http = inject(HttpClient);

  list(): Observable<TierDto[]> {
    return this.http.get<TierDto[]>(API_PATHS.admin.tiers);
  }

  get(id: string): Observable<TierDto> {
    return this.http.get<TierDto>(API_PATHS.admin.tier(encodeURIComponent(id)));
  }

  create(request: CreateTierRequest): Observable<TierDto> {
    return this.http.post<TierDto>(API_PATHS.admin.tiers, request);
  }

  update(id: string, request: UpdateTierRequest): Observable<TierDto> {
    return this.http.patch<TierDto>(API_PATHS.admin.tier(encodeURIComponent(id)), request);
  }

  /** 409 while users have the tier, or when it is the default. */
  delete(id: string): Observable<void> {
    return this.http
      .delete<unknown>(API_PATHS.admin.tier(encodeURIComponent(id)))
      .pipe(map(() => undefined));
  }
}
