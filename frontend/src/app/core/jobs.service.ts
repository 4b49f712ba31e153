import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  FINISHED_JOB_STATES,
  type JobDto,
  type JobListDto,
  type JobState,
  type ProbePayload,
} from '@clippyfront/shared';
import { Observable } from 'rxjs';

export interface JobListQuery {
  state?: JobState | null;
  limit?: number;
  offset?: number;
}

/** True while a job can still change by itself (queued or running). */
export function isJobActive(state: JobState | null | undefined): boolean {
  return state != null && !FINISHED_JOB_STATES.includes(state);
}

@Injectable({ providedIn: 'root' })
export class JobsService {
  private readonly http = inject(HttpClient);

  list(query: JobListQuery = {}): Observable<JobListDto> {
    let params = new HttpParams();
    if (query.state) params = params.set('state', query.state);
    if (query.limit != null) params = params.set('limit', query.limit);
    if (query.offset != null) params = params.set('offset', query.offset);
    return this.http.get<JobListDto>(API_PATHS.jobs, { params });
  }

  get(id: string): Observable<JobDto> {
    return this.http.get<JobDto>(API_PATHS.job(encodeURIComponent(id)));
  }

  /** Queues a probe job: the worker generates a short clip with ffmpeg and probes it. */
  runProbe(options: Partial<ProbePayload> = {}): Observable<JobDto> {
    return this.http.post<JobDto>(API_PATHS.probe, options);
  }

  retry(id: string): Observable<JobDto> {
    return this.http.post<JobDto>(API_PATHS.jobRetry(encodeURIComponent(id)), {});
  }

  cancel(id: string): Observable<JobDto> {
    return this.http.post<JobDto>(API_PATHS.jobCancel(encodeURIComponent(id)), {});
  }
}
