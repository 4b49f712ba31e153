import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type AdminCreateUserRequest,
  type AdminUpdateUserRequest,
  type AdminUserListDto,
  type UserDto,
} from '@clippyfront/shared';
import { map, Observable } from 'rxjs';

export interface AdminUserQuery {
  search?: string | null;
  limit?: number;
  offset?: number;
}

/** User administration (admins only; the API answers 403 to everyone else). */
@Injectable({ providedIn: 'root' })
export class AdminUsersService {
  private readonly http = inject(HttpClient);

  list(query: AdminUserQuery = {}): Observable<AdminUserListDto> {
    let params = new HttpParams();
    const search = query.search?.trim();
    if (search) params = params.set('search', search);
    if (query.limit != null) params = params.set('limit', query.limit);
    if (query.offset != null) params = params.set('offset', query.offset);
    return this.http.get<AdminUserListDto>(API_PATHS.admin.users, { params });
  }

  create(request: AdminCreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>(API_PATHS.admin.users, request);
  }

  get(id: string): Observable<UserDto> {
    return this.http.get<UserDto>(API_PATHS.admin.user(encodeURIComponent(id)));
  }

  update(id: string, request: AdminUpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(API_PATHS.admin.user(encodeURIComponent(id)), request);
  }

  delete(id: string): Observable<void> {
    return this.http
      .delete<unknown>(API_PATHS.admin.user(encodeURIComponent(id)))
      .pipe(map(() => undefined));
  }
}
