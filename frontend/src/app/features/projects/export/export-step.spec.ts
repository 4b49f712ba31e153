import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CompilationDto, ProjectSharingDto } from '@clippyfront/shared';
import { choose, text } from '../../../../testing/fixtures';
import {
  makeCompilation,
  makeCompileOutput,
  makeCompletedCompilation,
} from '../../../../testing/compile-fixtures';
import { makeMedia } from '../../../../testing/media-fixtures';
import { VIDEOJS_LOADER } from '../../media/video-js-loader';
import { ExportStep } from './export-step';

const SHARING: ProjectSharingDto = {
  enabled: false,
  publicId: 'q3Jx0v9TtWm1b7rQy2A4kQ',
  path: '/p/q3Jx0v9TtWm1b7rQy2A4kQ',
};

describe('ExportStep', () => {
  let fixture: ComponentFixture<ExportStep>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let writeText: jest.Mock<Promise<void>, [string]>;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };

  function open(items: CompilationDto[], sharing: ProjectSharingDto = SHARING) {
    fixture = TestBed.createComponent(ExportStep);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('projectId', 'p1');
    fixture.detectChanges();
    http.expectOne('/api/projects/p1/compilations').flush({ items });
    fixture.detectChanges();
    http.expectOne('/api/projects/p1/sharing').flush(sharing);
    fixture.detectChanges();
  }

  const latest = makeCompletedCompilation({
    id: 'c2',
    media: makeMedia({ id: 'm2', name: 'Best of.mp4', type: 'compilation', hasThumbnail: true }),
    output: makeCompileOutput(),
    finishedAt: '2026-12-03T10:05:00.000Z',
    artifact: {
      name: 'p1_Best_of_20261203T100500Z',
      state: 'pushed',
      at: '2026-12-03T10:06:00.000Z',
      error: null,
      worker: 'gpu-1',
    },
  });
  const older = makeCompletedCompilation({
    id: 'c1',
    media: makeMedia({ id: 'm1', name: 'Best of.mp4', type: 'compilation', hasThumbnail: false }),
    output: makeCompileOutput({
      chapters: [{ startSeconds: 0, title: 'Only one' }],
      chaptersText: '00:00 Only one',
    }),
  });

  beforeEach(() => {
    writeText = jest.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    TestBed.configureTestingModule({
      imports: [ExportStep],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: VIDEOJS_LOADER, useValue: () => new Promise(() => undefined) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('shows the latest finished compilation with its downloads, chapters and artifact state', () => {
    const running = makeCompilation({ id: 'c3', state: 'running' });
    open([running, latest, older]);
    expect(byTestId('export-player')).not.toBeNull();
    expect(byTestId('export-download')?.getAttribute('href')).toBe(
      '/api/projects/p1/compilations/c2/download',
    );
    expect(byTestId('export-download')?.hasAttribute('download')).toBe(true);
    expect(byTestId('export-thumbnail')?.getAttribute('href')).toBe('/api/media/m2/thumbnail');
    expect(byTestId('export-thumbnail')?.getAttribute('download')).toBe('Best of.jpg');
    expect(byTestId('export-chapters-text')?.textContent?.trim()).toBe(
      '00:00 Intro\n00:06 Insane clutch — clipper42\n01:05 Outro',
    );
    expect(byTestId('export-artifact')?.getAttribute('data-state')).toBe('pushed');
    expect(text(byTestId('export-artifact-state'))).toBe('Pushed to the ingest host');
    expect(text(byTestId('export-artifact-detail'))).toBe(
      '· p1_Best_of_20261203T100500Z · worker gpu-1',
    );
    // Two finished ones: the picker lists them, the running one is left out.
    const options = Array.from(el.querySelectorAll('[data-testid="export-pick"] option'));
    expect(options.map((o) => o.getAttribute('value'))).toEqual(['c2', 'c1']);
    expect(text(options[0])).toContain('(latest)');
  });

  it('switches to an earlier compilation; one without an artifact is "Not exported"', () => {
    open([latest, older]);
    choose(byTestId('export-pick'), 'c1');
    fixture.detectChanges();
    expect(byTestId('export-download')?.getAttribute('href')).toBe(
      '/api/projects/p1/compilations/c1/download',
    );
    expect(byTestId('export-thumbnail')).toBeNull();
    expect(text(byTestId('export-chapters-text'))).toBe('00:00 Only one');
    expect(byTestId('export-artifact')?.getAttribute('data-state')).toBe('none');
    expect(text(byTestId('export-artifact-state'))).toBe('Not exported');
  });

  it('shows an imported compilation: its source, and play, download, chapters as for a render', () => {
    const imported = makeCompletedCompilation({
      id: 'c9',
      source: 'ingest',
      jobId: null,
      settings: null,
      imported: {
        workerId: 'render-01',
        artifact: 'p7_Best_20261203T100000Z',
        path: 'render-01/p7_Best_20261203T100000Z/Best.mp4',
      },
      media: makeMedia({ id: 'm9', name: 'Best.mp4', type: 'compilation', hasThumbnail: true }),
      output: makeCompileOutput({ renderSeconds: null, encoder: null }),
      createdAt: '2026-12-03T11:00:00.000Z',
      finishedAt: '2026-12-03T11:00:00.000Z',
    });
    open([imported, latest]);
    expect(byTestId('export-player')).not.toBeNull();
    expect(byTestId('export-download')?.getAttribute('href')).toBe(
      '/api/projects/p1/compilations/c9/download',
    );
    expect(text(byTestId('export-chapters-text'))).toContain('00:00 Intro');
    expect(byTestId('export-artifact')?.getAttribute('data-state')).toBe('imported');
    expect(text(byTestId('export-artifact-state'))).toBe('Imported from worker render-01');
    expect(text(byTestId('export-artifact-detail'))).toBe('· p7_Best_20261203T100000Z');
    const options = Array.from(el.querySelectorAll('[data-testid="export-pick"] option'));
    expect(text(options[0])).toMatch(/imported from worker render-01 \(latest\)$/);
  });

  it('copies the YouTube chapter list with one click', async () => {
    open([latest]);
    (byTestId('export-copy-chapters') as HTMLButtonElement).click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(
      '00:00 Intro\n00:06 Insane clutch — clipper42\n01:05 Outro',
    );
    expect(text(byTestId('export-copy-status'))).toBe('Copied 3 chapters to the clipboard');
  });

  it('says so when the clipboard refuses and the old way fails too', async () => {
    writeText.mockRejectedValue(new Error('NotAllowedError'));
    document.execCommand = jest.fn(() => false);
    open([latest]);
    (byTestId('export-copy-chapters') as HTMLButtonElement).click();
    await settle();
    expect(text(byTestId('export-copy-status'))).toBe(
      'Could not copy: select the list below and copy it',
    );
  });

  it('offers the Compile step when nothing has finished', () => {
    open([makeCompilation({ state: 'failed', error: 'boom' })]);
    expect(byTestId('export-empty')).not.toBeNull();
    expect(byTestId('export-player')).toBeNull();
    let asked = false;
    fixture.componentInstance.compile.subscribe(() => (asked = true));
    (byTestId('export-empty')?.querySelector('button') as HTMLButtonElement).click();
    expect(asked).toBe(true);
  });

  it('turns sharing on and off, copies the link, and makes a new one after confirming', async () => {
    open([latest]);
    const panel = byTestId('share-panel')!;
    expect((byTestId('share-toggle') as HTMLInputElement).checked).toBe(false);
    expect((byTestId('share-link') as HTMLInputElement).value).toBe(
      `${location.origin}/p/q3Jx0v9TtWm1b7rQy2A4kQ`,
    );
    expect(text(byTestId('share-status'))).toContain('Sharing is off');

    const toggle = byTestId('share-toggle') as HTMLInputElement;
    toggle.checked = true;
    toggle.dispatchEvent(new Event('change'));
    const put = http.expectOne('/api/projects/p1/sharing');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ enabled: true });
    put.flush({ ...SHARING, enabled: true });
    fixture.detectChanges();
    expect(panel.querySelector('section')?.getAttribute('data-enabled')).toBe('true');
    expect(text(byTestId('share-status'))).toContain('Sharing is on.');

    (byTestId('share-copy') as HTMLButtonElement).click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/p/q3Jx0v9TtWm1b7rQy2A4kQ`);
    expect(text(byTestId('share-status'))).toContain('Link copied');

    (byTestId('share-regenerate') as HTMLButtonElement).click();
    fixture.detectChanges();
    (byTestId('share-regenerate-confirm') as HTMLButtonElement).click();
    const post = http.expectOne('/api/projects/p1/sharing/regenerate');
    expect(post.request.method).toBe('POST');
    post.flush({
      enabled: true,
      publicId: 'NEWNEWNEWNEWNEWNEWNEWA',
      path: '/p/NEWNEWNEWNEWNEWNEWNEWA',
    });
    fixture.detectChanges();
    expect(byTestId('share-regenerate-dialog')).toBeNull();
    expect((byTestId('share-link') as HTMLInputElement).value).toBe(
      `${location.origin}/p/NEWNEWNEWNEWNEWNEWNEWA`,
    );
  });

  it('shows why sharing could not be changed', () => {
    open([latest]);
    const toggle = byTestId('share-toggle') as HTMLInputElement;
    toggle.checked = true;
    toggle.dispatchEvent(new Event('change'));
    http
      .expectOne('/api/projects/p1/sharing')
      .flush({ statusCode: 404, message: 'Project not found' }, { status: 404, statusText: 'x' });
    fixture.detectChanges();
    expect(text(byTestId('share-error'))).toContain('Project not found');
  });
});
