import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type ApiTokenDto,
  type CreateApiTokenRequest,
  type CreatedApiTokenDto,
} from '@clippyfront/shared';
import { map, Observable } from 'rxjs';

/** The logged-in user's personal API tokens. */
@Injectable({ providedIn: 'root' })
export class TokensService {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiTokenDto[]> {
    return this.http.get<ApiTokenDto[]>(API_PATHS.auth.tokens);
  }

  /** The answer carries the token itself; the API never shows it again. */
  create(request: CreateApiTokenRequest): Observable<CreatedApiTokenDto> {
    return this.http.post<CreatedApiTokenDto>(API_PATHS.auth.tokens, request);
  }

  revoke(id: string): Observable<void> {
    return this.http
      .delete<unknown>(API_PATHS.auth.token(encodeURIComponent(id)))
      .pipe(map(() => undefined));
  }
}
