import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeProject } from '../../testing/project-fixtures';
import { ProjectsService } from './projects.service';

describe('ProjectsService', () => {
  let service: ProjectsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(ProjectsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists without parameters by default', () => {
    let total = -1;
    service.list().subscribe((list) => (total = list.total));
    const req = http.expectOne('/api/projects');
    expect(req.request.method).toBe('GET');
    req.flush({ items: [makeProject()], total: 1 });
    expect(total).toBe(1);
  });

  it('sends q, limit and offset; leaves out a blank search', () => {
    service.list({ q: ' best ', limit: 20, offset: 40 }).subscribe();
    http.expectOne('/api/projects?q=best&limit=20&offset=40').flush({ items: [], total: 0 });
    service.list({ q: '   ', limit: 20, offset: 0 }).subscribe();
    http.expectOne('/api/projects?limit=20&offset=0').flush({ items: [], total: 0 });
  });

  it('creates with POST and the request as body', () => {
    let created = '';
    service
      .create({ name: 'Week 3', output: { resolution: '720p' } })
      .subscribe((p) => (created = p.id));
    const req = http.expectOne('/api/projects');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ name: 'Week 3', output: { resolution: '720p' } });
    req.flush(makeProject({ id: 'new' }), { status: 201, statusText: 'Created' });
    expect(created).toBe('new');
  });

  it('gets, patches and deletes one project, escaping the id', () => {
    service.get('p1').subscribe();
    service.update('p1', { description: 'x' }).subscribe();
    let deleted = false;
    service.delete('p1').subscribe(() => (deleted = true));
    const [get, patch, del] = http.match((r) => r.url === '/api/projects/p1');
    expect([get.request.method, patch.request.method, del.request.method]).toEqual([
      'GET',
      'PATCH',
      'DELETE',
    ]);
    expect(patch.request.body).toEqual({ description: 'x' });
    get.flush(makeProject());
    patch.flush(makeProject({ description: 'x' }));
    del.flush(null, { status: 204, statusText: 'No Content' });
    expect(deleted).toBe(true);

    service.get('a/b').subscribe();
    http.expectOne('/api/projects/a%2Fb').flush(makeProject());
  });
});
