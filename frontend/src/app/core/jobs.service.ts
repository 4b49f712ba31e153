import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  FINISHED_JOB_STATES,
  type JobDto,
  type JobKind,
  type JobListDto,
  type JobState,
  type ProbePayload,
  type RetryFailedJobsDto,
  type RetryFailedJobsRequest,
} from '@clippyfront/shared';
import { Observable } from 'rxjs';

export interface JobListQuery {
  state?: JobState | null;
  kind?: JobKind | null;
  /** The owner's username (admins see everyone's jobs). */
  owner?: string | null;
  workerId?: string | null;
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
    if (query.kind) params = params.set('kind', query.kind);
    const owner = query.owner?.trim();
    if (owner) params = params.set('owner', owner);
    const workerId = query.workerId?.trim();
    if (workerId) params = params.set('workerId', workerId);
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

  /** Admins: queues failed jobs again, each within its owner's caps. */
  retryFailed(request: RetryFailedJobsRequest = {}): Observable<RetryFailedJobsDto> {
    return this.http.post<RetryFailedJobsDto>(API_PATHS.admin.jobsRetryFailed, request);
  }

  cancel(id: string): Observable<JobDto> {
    return this.http.post<JobDto>(API_PATHS.jobCancel(encodeURIComponent(id)), {});
  }
}
