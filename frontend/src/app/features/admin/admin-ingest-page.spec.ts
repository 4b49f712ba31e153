import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { IngestScanResultDto, IngestStatusDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { AdminIngestPage } from './admin-ingest-page';

function scanResult(overrides: Partial<IngestScanResultDto> = {}): IngestScanResultDto {
  return {
    startedAt: '2026-12-03T10:00:00.000Z',
    finishedAt: '2026-12-03T10:00:02.000Z',
    dryRun: false,
    counts: { imported: 1, skipped: 0, waiting: 1, failed: 1 },
    artifacts: [
      {
        workerId: 'render-01',
        artifact: 'p_Best_20261203T095900Z',
        file: 'Best.mp4',
        state: 'imported',
        reason: null,
        mediaType: 'compilation',
        sha256: 'a'.repeat(64),
        mediaId: '0b7c6a1e-5f7e-4a53-9d1c-2f0b1a9e8c11',
      },
      {
        workerId: 'render-01',
        artifact: 'clip_x_20261203T095959Z',
        file: null,
        state: 'waiting',
        reason: 'a push is under way (.rsync-partial)',
        mediaType: 'compilation',
        sha256: null,
        mediaId: null,
      },
      {
        workerId: 'render-02',
        artifact: 'p_Bad_20261203T095800Z',
        file: 'Bad.mp4',
        state: 'failed',
        reason: 'sha256 mismatch: manifest.json says 1…, the file has 2…',
        mediaType: 'compilation',
        sha256: 'b'.repeat(64),
        mediaId: null,
      },
    ],
    ...overrides,
  };
}

function makeStatus(overrides: Partial<IngestStatusDto> = {}): IngestStatusDto {
  return {
    settings: {
      enabled: true,
      root: '/srv/ingest',
      username: 'archivist',
      project: 'Imported renders',
      createProject: true,
      pattern: '*.mp4',
      action: 'copy',
      stableSeconds: 60,
      workerIds: [],
      intervalSeconds: 60,
    },
    lastScan: scanResult(),
    importedTotal: 7,
    recentImports: [],
    ...overrides,
  };
}

describe('AdminIngestPage', () => {
  let fixture: ComponentFixture<AdminIngestPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const rows = () => [...el.querySelectorAll('[data-testid="ingest-artifact-row"]')];

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminIngestPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminIngestPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('shows the settings, the last scan and each artifact with its state and reason', () => {
    http.expectOne('/api/admin/ingest').flush(makeStatus());
    fixture.detectChanges();
    expect(text(byTestId('ingest-enabled'))).toBe('on');
    expect(text(byTestId('ingest-target'))).toBe(
      'archivist · project “Imported renders” (created when missing)',
    );
    expect(text(byTestId('ingest-counts'))).toBe('1 imported · 0 skipped · 1 waiting · 1 failed');
    expect(text(byTestId('ingest-total'))).toBe('7');
    expect(rows().map((row) => row.getAttribute('data-state'))).toEqual([
      'imported',
      'waiting',
      'failed',
    ]);
    expect(text(rows()[2]!.querySelector('[data-testid="ingest-artifact-reason"]'))).toContain(
      'sha256 mismatch',
    );
    expect((byTestId('ingest-scan') as HTMLButtonElement).disabled).toBe(false);
  });

  it('"Scan now" posts, shows the new scan and reads the status again', () => {
    http.expectOne('/api/admin/ingest').flush(makeStatus({ lastScan: null }));
    fixture.detectChanges();
    expect(byTestId('ingest-no-scan')).not.toBeNull();

    (byTestId('ingest-scan') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(text(byTestId('ingest-scan'))).toBe('Scanning…');
    const post = http.expectOne('/api/admin/ingest/scan');
    expect(post.request.method).toBe('POST');
    post.flush(scanResult({ counts: { imported: 2, skipped: 0, waiting: 0, failed: 0 } }));
    fixture.detectChanges();
    expect(text(byTestId('ingest-counts'))).toBe('2 imported · 0 skipped · 0 waiting · 0 failed');
    http.expectOne('/api/admin/ingest').flush(makeStatus());
  });

  it('says when the importer is off (no scan button) and shows a refused scan', () => {
    http
      .expectOne('/api/admin/ingest')
      .flush(makeStatus({ settings: { ...makeStatus().settings, enabled: false } }));
    fixture.detectChanges();
    expect(text(byTestId('ingest-enabled'))).toContain('set INGEST_IMPORT_ENABLED=true');
    expect((byTestId('ingest-scan') as HTMLButtonElement).disabled).toBe(true);

    fixture.componentInstance.scanNow();
    http
      .expectOne('/api/admin/ingest/scan')
      .flush(
        { statusCode: 409, message: 'INGEST_IMPORT_USERNAME: no user "ghost"' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('ingest-scan-error'))).toContain(
      'INGEST_IMPORT_USERNAME: no user "ghost"',
    );
  });

  it('shows a load error with a retry', () => {
    http
      .expectOne('/api/admin/ingest')
      .flush({ statusCode: 403, message: 'Admins only' }, { status: 403, statusText: 'Forbidden' });
    fixture.detectChanges();
    expect(text(byTestId('ingest-error'))).toContain('Admins only (HTTP 403)');
  });
});
