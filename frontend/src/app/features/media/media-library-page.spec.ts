import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MediaDto, MediaListDto } from '@clippyfront/shared';
import { Subject } from 'rxjs';
import { choose, text } from '../../../testing/fixtures';
import { makeImage, makeMedia, makeUsage } from '../../../testing/media-fixtures';
import { makePlanUsage } from '../../../testing/tier-fixtures';
import { MediaUploadService, type MediaUpload } from '../../core/media-upload.service';
import { MEDIA_FILTER_DEBOUNCE_MS } from './media-filters';
import {
  MEDIA_PAGE_SIZE,
  MediaLibraryPage,
  THUMBNAIL_POLL_MS,
  THUMBNAIL_WAIT_MS,
} from './media-library-page';
import { VIDEOJS_LOADER } from './video-js-loader';

const clip = makeMedia({ id: 'c1', name: 'Boss fight', tags: ['boss'] });
const image = makeImage({ id: 'i1' });

describe('MediaLibraryPage', () => {
  let fixture: ComponentFixture<MediaLibraryPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let uploadsDone: Subject<MediaUpload>;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const cards = () => Array.from(el.querySelectorAll('[data-testid="media-card"]'));
  const listUrl = (query = '', offset = 0) =>
    `/api/media?${query}sort=newest&limit=${MEDIA_PAGE_SIZE}&offset=${offset}`;
  const click = (id: string, root: ParentNode = el) => {
    (root.querySelector(`[data-testid="${id}"]`) as HTMLElement).click();
    fixture.detectChanges();
  };

  function answerList(list: MediaListDto, url = listUrl()): void {
    http.expectOne(url).flush(list);
    fixture.detectChanges();
  }

  /** Creates the page and answers its first list and usage requests. */
  function create(items: MediaDto[] = [clip, image], total = items.length): void {
    fixture = TestBed.createComponent(MediaLibraryPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/media/usage').flush(makeUsage({ count: total }));
    http.expectOne('/api/auth/me/usage').flush(makePlanUsage());
    answerList({ items, total });
  }

  beforeEach(() => {
    uploadsDone = new Subject();
    TestBed.configureTestingModule({
      imports: [MediaLibraryPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: VIDEOJS_LOADER, useValue: () => new Promise(() => undefined) },
        {
          provide: MediaUploadService,
          useValue: {
            uploads: signal([]),
            hasActive: signal(false),
            hasFinished: signal(false),
            completed: uploadsDone,
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    jest.useRealTimers();
    http.verify();
  });

  it('shows the cards, the range and the storage usage', () => {
    create();
    expect(cards().map((c) => c.getAttribute('data-media-id'))).toEqual(['c1', 'i1']);
    expect(text(byTestId('media-range'))).toBe('1–2 of 2');
    expect(text(byTestId('media-usage-text'))).toBe('Using 5.0 MiB of your storage (2 files)');
    expect(text(byTestId('media-usage-plan'))).toBe(
      'Plan: Free · render time this month: 12 min of 30 min',
    );
    expect(byTestId('media-bulk-bar')).toBeNull();
    expect(byTestId('media-dropzone')).not.toBeNull();
  });

  it('says when the library is empty, or when nothing matches', () => {
    create([]);
    expect(text(byTestId('media-empty'))).toContain('Your library is empty');
    choose(byTestId('media-filter-type'), 'outro');
    fixture.detectChanges();
    answerList({ items: [], total: 0 }, listUrl('type=outro&'));
    expect(text(byTestId('media-empty'))).toContain('Nothing matches these filters');
  });

  it('asks the API again when a filter changes, from the first page', () => {
    create([clip], 60);
    click('media-page-next');
    answerList({ items: [clip], total: 60 }, listUrl('', MEDIA_PAGE_SIZE));
    expect(text(byTestId('media-range'))).toBe('25–25 of 60');

    choose(byTestId('media-filter-type'), 'intro');
    fixture.detectChanges();
    answerList({ items: [], total: 0 }, listUrl('type=intro&'));

    jest.useFakeTimers();
    const search = byTestId('media-search') as HTMLInputElement;
    search.value = 'boss';
    search.dispatchEvent(new Event('input'));
    jest.advanceTimersByTime(MEDIA_FILTER_DEBOUNCE_MS);
    fixture.detectChanges();
    answerList({ items: [clip], total: 1 }, listUrl('type=intro&q=boss&'));

    choose(byTestId('media-sort'), 'duration');
    fixture.detectChanges();
    http
      .expectOne(`/api/media?type=intro&q=boss&sort=duration&limit=${MEDIA_PAGE_SIZE}&offset=0`)
      .flush({ items: [clip], total: 1 });
  });

  it('selects cards one by one or all on the page, and shows the bulk bar', () => {
    create();
    click('media-select', cards()[0]);
    expect(text(byTestId('media-selected-count'))).toBe('1 selected');
    expect(cards()[0].classList).toContain('media-card--selected');
    const all = byTestId('media-select-all') as HTMLInputElement;
    expect(all.indeterminate).toBe(true);

    all.click();
    fixture.detectChanges();
    expect(text(byTestId('media-selected-count'))).toBe('2 selected');
    expect(all.checked).toBe(true);

    click('media-clear-selection');
    expect(byTestId('media-bulk-bar')).toBeNull();
  });

  it('changes the type of the selection, then reloads', () => {
    create();
    click('media-select-all');
    choose(byTestId('media-bulk-type'), 'outro');
    click('media-bulk-set-type');
    const req = http.expectOne('/api/media/bulk');
    expect(req.request.body).toEqual({ action: 'setType', type: 'outro', ids: ['c1', 'i1'] });
    req.flush(
      { statusCode: 400, message: '"logo.png" cannot become outro' },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(text(byTestId('media-bulk-error'))).toContain(
      '"logo.png" cannot become outro (HTTP 400)',
    );

    click('media-select', cards()[1]);
    click('media-bulk-set-type');
    http.expectOne('/api/media/bulk').flush({ action: 'setType', affected: 1 });
    fixture.detectChanges();
    expect(text(byTestId('media-bulk-done'))).toBe('Changed the type of 1 item.');
    answerList({ items: [{ ...clip, type: 'outro' }, image], total: 2 });
    expect(text(byTestId('media-selected-count'))).toBe('1 selected');
  });

  it('deletes the selection after confirmation', () => {
    create();
    click('media-select-all');
    click('media-bulk-delete');
    expect(text(byTestId('media-delete-dialog'))).toContain('Delete 2 items?');
    click('media-delete-confirm');
    const req = http.expectOne('/api/media/bulk');
    expect(req.request.body).toEqual({ action: 'delete', ids: ['c1', 'i1'] });
    req.flush({ action: 'delete', affected: 2 });
    fixture.detectChanges();
    expect(byTestId('media-delete-dialog')).toBeNull();
    expect(byTestId('media-bulk-bar')).toBeNull();
    http.expectOne('/api/media/usage').flush(makeUsage({ count: 0, usedBytes: 0 }));
    answerList({ items: [], total: 0 });
    expect(text(byTestId('media-usage-text'))).toBe('Using 0 B of your storage (0 files)');
  });

  it('re-reads the list while a thumbnail is missing, for a minute at most', () => {
    jest.useFakeTimers();
    const waiting = makeMedia({ id: 'w1', hasThumbnail: false });
    create([waiting]);
    expect(text(byTestId('media-thumbnail-placeholder'))).toContain('Making a thumbnail');

    jest.advanceTimersByTime(THUMBNAIL_POLL_MS);
    answerList({ items: [waiting], total: 1 });
    jest.advanceTimersByTime(THUMBNAIL_POLL_MS);
    answerList({ items: [{ ...waiting, hasThumbnail: true }], total: 1 });
    expect(byTestId('media-thumbnail')).not.toBeNull();
    jest.advanceTimersByTime(THUMBNAIL_POLL_MS * 3);
    http.expectNone(listUrl());

    const never = makeMedia({ id: 'n1', hasThumbnail: false });
    fixture.componentInstance.reload();
    answerList({ items: [never], total: 1 });
    for (let waited = 0; waited < THUMBNAIL_WAIT_MS; waited += THUMBNAIL_POLL_MS) {
      jest.advanceTimersByTime(THUMBNAIL_POLL_MS);
      answerList({ items: [never], total: 1 });
    }
    jest.advanceTimersByTime(THUMBNAIL_POLL_MS * 3);
    http.expectNone(listUrl());
    expect(text(byTestId('media-thumbnail-placeholder'))).toContain('No thumbnail');
  });

  it('shows a finished upload: reloads the list and the usage', () => {
    create([image]);
    uploadsDone.next({ mediaId: 'c1' } as MediaUpload);
    answerList({ items: [clip, image], total: 2 });
    http.expectOne('/api/media/usage').flush(makeUsage());
    expect(cards()).toHaveLength(2);
  });

  it('opens the preview from a card and shows what was saved there', () => {
    create();
    click('media-open', cards()[0]);
    expect(text(el.querySelector('.media-preview__title'))).toBe('Boss fight');
    const name = byTestId('media-name') as HTMLInputElement;
    name.value = 'Final boss';
    name.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    click('media-save');
    http.expectOne('/api/media/c1').flush({ ...clip, name: 'Final boss' });
    fixture.detectChanges();
    expect(text(byTestId('media-card-name'))).toBe('Final boss');

    click('media-preview-close');
    expect(byTestId('media-preview')).toBeNull();
  });

  it('shows why the list could not be loaded, and tries again', () => {
    fixture = TestBed.createComponent(MediaLibraryPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http
      .expectOne('/api/media/usage')
      .flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    // Without the plan the usage bar leaves it out.
    http
      .expectOne('/api/auth/me/usage')
      .flush({ statusCode: 500, message: 'Boom' }, { status: 500, statusText: 'Error' });
    http.expectOne(listUrl()).error(new ProgressEvent('error'), { status: 0 });
    fixture.detectChanges();
    expect(text(byTestId('media-error'))).toContain('Cannot reach the ClippyFront API');
    expect(text(byTestId('media-usage'))).toBe('Storage usage unavailable');

    (byTestId('media-error')?.querySelector('button') as HTMLButtonElement).click();
    answerList({ items: [clip], total: 1 });
    expect(byTestId('media-error')).toBeNull();
    expect(cards()).toHaveLength(1);
  });
});
