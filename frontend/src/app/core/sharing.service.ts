import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type ProjectSharingDto,
  type PublicProjectDto,
  type UpdateSharingRequest,
} from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/** A project's share page: the owner's switch and link, and the public page's data. */
@Injectable({ providedIn: 'root' })
export class SharingService {
  private readonly http = inject(HttpClient);

  get(projectId: string): Observable<ProjectSharingDto> {
    return this.http.get<ProjectSharingDto>(
      API_PATHS.projects.sharing(encodeURIComponent(projectId)),
    );
  }

  setEnabled(projectId: string, enabled: boolean): Observable<ProjectSharingDto> {
    const body: UpdateSharingRequest = { enabled };
    return this.http.put<ProjectSharingDto>(
      API_PATHS.projects.sharing(encodeURIComponent(projectId)),
      body,
    );
  }

  /** A new link; the old one answers 404 from now on. */
  regenerate(projectId: string): Observable<ProjectSharingDto> {
    return this.http.post<ProjectSharingDto>(
      API_PATHS.projects.sharingRegenerate(encodeURIComponent(projectId)),
      {},
    );
  }

  /** No login needed (the owner also sees it while sharing is off). */
  publicProject(publicId: string): Observable<PublicProjectDto> {
    return this.http.get<PublicProjectDto>(API_PATHS.public.project(encodeURIComponent(publicId)));
  }
}
