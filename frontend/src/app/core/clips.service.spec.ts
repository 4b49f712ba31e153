import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PROJECT_RULES, type AddClipsResponse } from '@clippyfront/shared';
import { makeClip, makeQueuedClip } from '../../testing/project-fixtures';
import { ClipsService, isClipActive, rejectedFromError } from './clips.service';

const rejectedFtp = {
  url: 'ftp://x',
  reason: 'invalid-url' as const,
  message: 'Only http and https links can be added.',
};

describe('ClipsService', () => {
  let service: ClipsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(ClipsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the clips of a project', () => {
    let ids: string[] = [];
    service.list('p1').subscribe((list) => (ids = list.items.map((c) => c.id)));
    const req = http.expectOne('/api/projects/p1/clips');
    expect(req.request.method).toBe('GET');
    req.flush({ items: [makeClip({ id: 'a' }), makeClip({ id: 'b' })] });
    expect(ids).toEqual(['a', 'b']);
  });

  it('posts URLs and answers accepted and rejected (201)', () => {
    let answer: AddClipsResponse | undefined;
    service.add('p1', ['https://clips.twitch.tv/A', 'ftp://x']).subscribe((r) => (answer = r));
    const req = http.expectOne('/api/projects/p1/clips');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ urls: ['https://clips.twitch.tv/A', 'ftp://x'] });
    req.flush(
      { accepted: [makeQueuedClip({ id: 'a' })], rejected: [rejectedFtp] },
      { status: 201, statusText: 'Created' },
    );
    expect(answer?.accepted.map((c) => c.id)).toEqual(['a']);
    expect(answer?.rejected).toEqual([rejectedFtp]);
  });

  it('turns a 400 that lists rejected URLs into an answer with none accepted', () => {
    let answer: AddClipsResponse | undefined;
    service.add('p1', ['ftp://x']).subscribe((r) => (answer = r));
    http
      .expectOne('/api/projects/p1/clips')
      .flush(
        { statusCode: 400, message: 'None of the URLs can be added', rejected: [rejectedFtp] },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(answer).toEqual({ accepted: [], rejected: [rejectedFtp] });

    // The same list nested inside `message` is read too.
    service.add('p1', ['ftp://x']).subscribe((r) => (answer = r));
    http
      .expectOne('/api/projects/p1/clips')
      .flush(
        { statusCode: 400, message: { accepted: [], rejected: [rejectedFtp] } },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(answer?.rejected).toEqual([rejectedFtp]);
  });

  it('passes on other errors (validation of the request, server errors)', () => {
    const errors: unknown[] = [];
    service.add('p1', ['x']).subscribe({ error: (e: unknown) => errors.push(e) });
    http
      .expectOne('/api/projects/p1/clips')
      .flush(
        { statusCode: 400, message: ['urls must contain at most 100 elements'] },
        { status: 400, statusText: 'Bad Request' },
      );
    service.add('p1', ['x']).subscribe({ error: (e: unknown) => errors.push(e) });
    http
      .expectOne('/api/projects/p1/clips')
      .flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    expect(errors.map((e) => (e as HttpErrorResponse).status)).toEqual([400, 404]);
  });

  it('sends long lists in batches the API accepts, one after the other, and merges the answers', () => {
    const size = PROJECT_RULES.maxUrlsPerRequest;
    const urls = Array.from({ length: size * 2 + 5 }, (_, i) => `https://clips.twitch.tv/S${i}`);
    let answer: AddClipsResponse | undefined;
    service.addAll('p1', urls).subscribe((r) => (answer = r));

    const first = http.expectOne('/api/projects/p1/clips');
    expect(first.request.body.urls).toEqual(urls.slice(0, size));
    first.flush({ accepted: [makeQueuedClip({ id: 'a' })], rejected: [] });
    const second = http.expectOne('/api/projects/p1/clips');
    expect(second.request.body.urls).toEqual(urls.slice(size, size * 2));
    second.flush(
      { statusCode: 400, message: 'None accepted', rejected: [rejectedFtp] },
      { status: 400, statusText: 'Bad Request' },
    );
    const third = http.expectOne('/api/projects/p1/clips');
    expect(third.request.body.urls).toHaveLength(5);
    expect(answer).toBeUndefined();
    third.flush({ accepted: [makeQueuedClip({ id: 'b' })], rejected: [] });

    expect(answer?.accepted.map((c) => c.id)).toEqual(['a', 'b']);
    expect(answer?.rejected).toEqual([rejectedFtp]);
  });

  it('removes and retries one clip', () => {
    let removed = false;
    let retried = false;
    service.remove('p1', 'c1').subscribe(() => (removed = true));
    service.retry('p1', 'c1').subscribe(() => (retried = true));
    const del = http.expectOne('/api/projects/p1/clips/c1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    const retry = http.expectOne('/api/projects/p1/clips/c1/retry');
    expect(retry.request.method).toBe('POST');
    retry.flush(makeQueuedClip());
    expect([removed, retried]).toEqual([true, true]);
  });

  it('builds thumbnail and avatar URLs, escaping the id', () => {
    expect(service.thumbnailUrl('c1')).toBe('/api/clips/c1/thumbnail');
    expect(service.avatarUrl('c1')).toBe('/api/clips/c1/avatar');
    expect(service.thumbnailUrl('a/b')).toBe('/api/clips/a%2Fb/thumbnail');
  });
});

describe('clip helpers', () => {
  it('knows which states still change by themselves', () => {
    expect(
      ['queued', 'downloading', 'ready', 'failed'].map((state) => isClipActive({ state } as never)),
    ).toEqual([true, true, false, false]);
  });

  it('reads rejected URLs only from 400 answers that carry them', () => {
    const error = (status: number, body: unknown) => new HttpErrorResponse({ status, error: body });
    expect(rejectedFromError(error(400, { statusCode: 400, rejected: [rejectedFtp] }))).toEqual([
      rejectedFtp,
    ]);
    // A missing message falls back to the reason; entries without a URL are dropped.
    expect(
      rejectedFromError(
        error(400, { rejected: [{ url: 'ftp://y', reason: 'unsupported-source' }, { nope: 1 }] }),
      ),
    ).toEqual([
      {
        url: 'ftp://y',
        reason: 'unsupported-source',
        message: 'Not accepted (unsupported-source).',
      },
    ]);
    expect(rejectedFromError(error(400, { rejected: [] }))).toBeNull();
    expect(rejectedFromError(error(400, { message: 'bad' }))).toBeNull();
    expect(rejectedFromError(error(500, { rejected: [rejectedFtp] }))).toBeNull();
    expect(rejectedFromError(new Error('x'))).toBeNull();
  });
});
