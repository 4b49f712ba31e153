import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeMedia, makeUsage } from '../../testing/media-fixtures';
import { MediaService } from './media.service';

describe('MediaService', () => {
  let service: MediaService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(MediaService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists without parameters by default', () => {
    let total = -1;
    service.list().subscribe((list) => (total = list.total));
    const req = http.expectOne('/api/media');
    expect(req.request.method).toBe('GET');
    req.flush({ items: [makeMedia()], total: 1 });
    expect(total).toBe(1);
  });

  it('sends type, tag, q, sort, limit and offset as the API names them', () => {
    service
      .list({ type: 'intro', tag: ' Funny ', q: ' boss ', sort: 'name', limit: 24, offset: 48 })
      .subscribe();
    http
      .expectOne('/api/media?type=intro&tag=Funny&q=boss&sort=name&limit=24&offset=48')
      .flush({ items: [], total: 0 });
  });

  it('leaves out empty filters', () => {
    service.list({ type: null, tag: '  ', q: '', sort: null, limit: 10, offset: 0 }).subscribe();
    http.expectOne('/api/media?limit=10&offset=0').flush({ items: [], total: 0 });
  });

  it('gets, patches and deletes one media', () => {
    service.get('m1').subscribe();
    service.update('m1', { name: 'Renamed', tags: ['a'] }).subscribe();
    let deleted = false;
    service.delete('m1').subscribe(() => (deleted = true));

    const [get, patch, del] = http.match((r) => r.url === '/api/media/m1');
    expect([get.request.method, patch.request.method, del.request.method]).toEqual([
      'GET',
      'PATCH',
      'DELETE',
    ]);
    expect(patch.request.body).toEqual({ name: 'Renamed', tags: ['a'] });
    get.flush(makeMedia());
    patch.flush(makeMedia({ name: 'Renamed' }));
    del.flush(null, { status: 204, statusText: 'No Content' });
    expect(deleted).toBe(true);
  });

  it('posts bulk actions', () => {
    let affected = 0;
    service
      .bulk({ ids: ['a', 'b'], action: 'setType', type: 'outro' })
      .subscribe((r) => (affected = r.affected));
    const req = http.expectOne('/api/media/bulk');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ ids: ['a', 'b'], action: 'setType', type: 'outro' });
    req.flush({ action: 'setType', affected: 2 });
    expect(affected).toBe(2);
  });

  it('reads the storage usage', () => {
    let count = 0;
    service.usage().subscribe((u) => (count = u.count));
    http.expectOne('/api/media/usage').flush(makeUsage({ count: 7 }));
    expect(count).toBe(7);
  });

  it('builds stream and thumbnail URLs, escaping the id', () => {
    expect(service.streamUrl('m1')).toBe('/api/media/m1/stream');
    expect(service.thumbnailUrl('m1')).toBe('/api/media/m1/thumbnail');
    expect(service.streamUrl('a/b')).toBe('/api/media/a%2Fb/stream');
  });
});
