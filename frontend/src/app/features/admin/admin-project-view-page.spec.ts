import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { makeCompilation, makeCompletedCompilation } from '../../../testing/compile-fixtures';
import { text } from '../../../testing/fixtures';
import {
  makeClip,
  makeProject,
  makeQueuedClip,
  makeTimelineClip,
} from '../../../testing/project-fixtures';
import { AdminProjectViewPage } from './admin-project-view-page';

describe('AdminProjectViewPage', () => {
  let fixture: ComponentFixture<AdminProjectViewPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const all = (id: string) => Array.from(el.querySelectorAll(`[data-testid="${id}"]`));
  const project = makeProject({ id: 'p1', name: 'Best of January', clipCount: 2 });

  function open(id = 'p1'): void {
    fixture.componentRef.setInput('id', id);
    fixture.detectChanges();
  }

  function answerAll(): void {
    http.expectOne('/api/projects/p1').flush(project);
    http.expectOne('/api/projects/p1/clips').flush({
      items: [makeClip({ id: 'c1', title: 'Insane clutch' }), makeQueuedClip({ id: 'c2' })],
    });
    http.expectOne('/api/projects/p1/timeline').flush({
      items: [makeTimelineClip({ id: 'c1', title: 'Insane clutch', playSeconds: 27.6 })],
      totalSeconds: 27.6,
      maxClipSeconds: 30,
    });
    http.expectOne('/api/projects/p1/compilations').flush({
      items: [makeCompletedCompilation(), makeCompilation({ id: 'comp-2', state: 'failed' })],
    });
    http.expectOne('/api/admin/projects?q=Best%20of%20January&limit=100').flush({
      items: [
        { id: 'other', name: 'Best of January', ownerUsername: 'bob' },
        { id: 'p1', name: 'Best of January', ownerUsername: 'alice' },
      ],
      total: 2,
    });
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminProjectViewPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminProjectViewPage);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('shows name, owner, output, clips, timeline and compilations without editing controls', () => {
    open();
    answerAll();

    expect(text(byTestId('admin-project-name'))).toBe('Best of January');
    expect(text(byTestId('admin-project-view-owner'))).toBe('alice');
    expect(text(byTestId('admin-project-output'))).toContain('1080p · 30 fps · mp4');
    expect(all('admin-project-clip')).toHaveLength(2);
    expect(all('admin-project-clip-state').map(text)).toEqual(['ready', 'queued']);
    expect(all('admin-project-timeline-item').map(text)).toEqual([
      expect.stringContaining('Insane clutch'),
    ]);
    expect(all('compile-history-item')).toHaveLength(2);
    expect(byTestId('compile-history-download')?.getAttribute('href')).toBe(
      '/api/media/media-c1/stream',
    );
    expect(byTestId('admin-project-back')?.getAttribute('href')).toBe('/admin/projects');
    expect(el.querySelector('form, input, textarea, select')).toBeNull();
    expect(byTestId('clips-add-form')).toBeNull();
    expect(byTestId('compile-start')).toBeNull();
  });

  it('deletes after confirmation through the admin API and goes back to the list', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    open();
    answerAll();

    (byTestId('admin-project-view-delete') as HTMLButtonElement).click();
    fixture.detectChanges();
    (byTestId('admin-project-view-delete-cancel') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(byTestId('admin-project-view-delete-dialog')).toBeNull();

    (byTestId('admin-project-view-delete') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(text(byTestId('admin-project-view-delete-dialog'))).toContain(
      'Best of January of alice',
    );
    (byTestId('admin-project-view-delete-confirm') as HTMLButtonElement).click();
    const req = http.expectOne('/api/admin/projects/p1');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(navigate).toHaveBeenCalledWith('/admin/projects');
  });

  it('keeps the dialog open with the reason when the delete fails', () => {
    open();
    answerAll();
    (byTestId('admin-project-view-delete') as HTMLButtonElement).click();
    fixture.detectChanges();
    (byTestId('admin-project-view-delete-confirm') as HTMLButtonElement).click();
    http
      .expectOne('/api/admin/projects/p1')
      .flush({ statusCode: 500, message: 'Boom' }, { status: 500, statusText: 'Server Error' });
    fixture.detectChanges();
    expect(text(byTestId('admin-project-view-delete-error'))).toBe('Boom');
  });

  it('says so when the project does not exist', () => {
    open('gone');
    http
      .expectOne('/api/projects/gone')
      .flush(
        { statusCode: 404, message: 'Project not found' },
        { status: 404, statusText: 'Not Found' },
      );
    // The clips, timeline and compilations reads, cancelled with the failed whole.
    expect(http.match((req) => req.url.startsWith('/api/projects/gone/'))).toHaveLength(3);
    fixture.detectChanges();
    expect(byTestId('admin-project-not-found')).not.toBeNull();
    expect(byTestId('admin-project-name')).toBeNull();
  });
});
