import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type CompilationDto,
  type CompilationListDto,
  type StartCompileRequest,
} from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/**
 * A project's compilations (`/api/projects/:id/compile|compilations`). Each one is a `compile`
 * job: its log, cancel and retry go through the JobsService.
 */
@Injectable({ providedIn: 'root' })
export class CompilationsService {
  private readonly http = inject(HttpClient);

  /** Newest first. */
  list(projectId: string): Observable<CompilationListDto> {
    return this.http.get<CompilationListDto>(
      API_PATHS.projects.compilations(encodeURIComponent(projectId)),
    );
  }

  /** Queues a render of the project's timeline with these settings. */
  start(projectId: string, settings: StartCompileRequest): Observable<CompilationDto> {
    return this.http.post<CompilationDto>(
      API_PATHS.projects.compile(encodeURIComponent(projectId)),
      settings,
    );
  }

  /** The YouTube chapter list of a finished compilation, as a text file download. */
  chaptersUrl(projectId: string, compilationId: string): string {
    return API_PATHS.projects.compilationChapters(
      encodeURIComponent(projectId),
      encodeURIComponent(compilationId),
    );
  }
}
