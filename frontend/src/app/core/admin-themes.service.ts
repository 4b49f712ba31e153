import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type CreateThemeRequest,
  type ThemeDto,
  type UpdateThemeRequest,
} from '@clippyfront/shared';
import { map, type Observable } from 'rxjs';

/** Themes (the SPA's palettes), for admins. */
@Injectable({ providedIn: 'root' })
export class AdminThemesService {
  private readonly http = inject(HttpClient);

  list(): Observable<ThemeDto[]> {
    return this.http.get<ThemeDto[]>(API_PATHS.admin.themes);
  }

  get(id: string): Observable<ThemeDto> {
    return this.http.get<ThemeDto>(API_PATHS.admin.theme(encodeURIComponent(id)));
  }

  create(request: CreateThemeRequest): Observable<ThemeDto> {
    return this.http.post<ThemeDto>(API_PATHS.admin.themes, request);
  }

  update(id: string, request: UpdateThemeRequest): Observable<ThemeDto> {
    return this.http.patch<ThemeDto>(API_PATHS.admin.theme(encodeURIComponent(id)), request);
  }

  /** Makes it the one theme `/theme.css` serves. */
  activate(id: string): Observable<ThemeDto> {
    return this.http.post<ThemeDto>(API_PATHS.admin.themeActivate(encodeURIComponent(id)), {});
  }

  /** An inactive copy named "<name> (copy)". */
  duplicate(id: string): Observable<ThemeDto> {
    return this.http.post<ThemeDto>(API_PATHS.admin.themeDuplicate(encodeURIComponent(id)), {});
  }

  /** 409 for the active theme. */
  delete(id: string): Observable<void> {
    return this.http
      .delete<unknown>(API_PATHS.admin.theme(encodeURIComponent(id)))
      .pipe(map(() => undefined));
  }
}
