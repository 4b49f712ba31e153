import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AdminProjectDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { ADMIN_PROJECTS_PAGE_SIZE, AdminProjectsPage } from './admin-projects-page';

function makeProject(overrides: Partial<AdminProjectDto> = {}): AdminProjectDto {
  return {
    id: 'p1',
    name: 'Weekly best',
    ownerId: 'u1',
    ownerUsername: 'alice',
    clipCount: 4,
    lastCompilation: null,
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  };
}

describe('AdminProjectsPage', () => {
  let fixture: ComponentFixture<AdminProjectsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="admin-project-row"]'));
  const listUrl = `/api/admin/projects?limit=${ADMIN_PROJECTS_PAGE_SIZE}&offset=0`;
  const projects = [
    makeProject(),
    makeProject({
      id: 'p2',
      name: 'Monthly',
      ownerId: 'u2',
      ownerUsername: 'bob',
      clipCount: 0,
      lastCompilation: { state: 'failed', at: '2026-01-03T10:00:00.000Z', source: 'render' },
    }),
  ];

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminProjectsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminProjectsPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne(listUrl).flush({ items: projects, total: 2 });
    fixture.detectChanges();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('lists every user’s projects with owner, clips and last compilation; opens one', () => {
    expect(rows()).toHaveLength(2);
    const [first, second] = rows();
    expect(text(first!.querySelector('[data-testid="admin-project-owner"]'))).toBe('alice');
    expect(text(first!.querySelector('[data-testid="admin-project-clips"]'))).toBe('4');
    expect(text(first!.querySelector('[data-testid="admin-project-last"]'))).toBe('None');
    expect(text(second!.querySelector('[data-testid="admin-project-last"]'))).toContain('failed');
    expect(first!.querySelector('[data-testid="admin-project-open"]')?.getAttribute('href')).toBe(
      '/admin/projects/p1',
    );
  });

  it('deletes only after confirmation', () => {
    (rows()[1]!.querySelector('[data-testid="admin-project-delete"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(text(byTestId('admin-project-delete-dialog'))).toContain('Monthly of bob');

    (byTestId('admin-project-delete-cancel') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(byTestId('admin-project-delete-dialog')).toBeNull();

    (rows()[1]!.querySelector('[data-testid="admin-project-delete"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    (byTestId('admin-project-delete-confirm') as HTMLButtonElement).click();
    const req = http.expectOne('/api/admin/projects/p2');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    http.expectOne(listUrl).flush({ items: [projects[0]], total: 1 });
    fixture.detectChanges();
    expect(byTestId('admin-project-delete-dialog')).toBeNull();
    expect(text(byTestId('admin-project-deleted'))).toBe('Deleted “Monthly” of bob.');
    expect(rows()).toHaveLength(1);
  });

  it('keeps the dialog open with the reason when the delete fails', () => {
    (rows()[0]!.querySelector('[data-testid="admin-project-delete"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    (byTestId('admin-project-delete-confirm') as HTMLButtonElement).click();
    http
      .expectOne('/api/admin/projects/p1')
      .flush(
        { statusCode: 404, message: 'Project not found' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(text(byTestId('admin-project-delete-error'))).toBe('Project not found');
  });
});
