import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_PATHS, type SystemInfoDto } from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/** Admin → System: version, database, Redis, queues, workers, disk and media tools. */
@Injectable({ providedIn: 'root' })
export class AdminSystemService {
  private readonly http = inject(HttpClient);

  get(): Observable<SystemInfoDto> {
    return this.http.get<SystemInfoDto>(API_PATHS.admin.system);
  }
}
