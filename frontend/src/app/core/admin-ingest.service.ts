import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_PATHS, type IngestScanResultDto, type IngestStatusDto } from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/** Admin → Ingest: the importer's settings, last scan and recent imports; "Scan now". */
@Injectable({ providedIn: 'root' })
export class AdminIngestService {
  private readonly http = inject(HttpClient);

  status(): Observable<IngestStatusDto> {
    return this.http.get<IngestStatusDto>(API_PATHS.admin.ingest);
  }

  scan(): Observable<IngestScanResultDto> {
    return this.http.post<IngestScanResultDto>(API_PATHS.admin.ingestScan, {});
  }
}
