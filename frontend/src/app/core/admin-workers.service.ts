import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type AdminWorkerDto,
  type WorkerRegistrationTokenDto,
  type WorkerRevokeResponse,
} from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/** Registered workers, revocation and one-time registration tokens (admins only). */
@Injectable({ providedIn: 'root' })
export class AdminWorkersService {
  private readonly http = inject(HttpClient);

  list(): Observable<AdminWorkerDto[]> {
    return this.http.get<AdminWorkerDto[]>(API_PATHS.admin.workers);
  }

  revoke(workerId: string): Observable<WorkerRevokeResponse> {
    return this.http.post<WorkerRevokeResponse>(API_PATHS.admin.workerRevoke(workerId), {});
  }

  createRegistrationToken(expiresInMinutes: number): Observable<WorkerRegistrationTokenDto> {
    return this.http.post<WorkerRegistrationTokenDto>(API_PATHS.admin.workerRegistrationTokens, {
      expiresInMinutes,
    });
  }
}
