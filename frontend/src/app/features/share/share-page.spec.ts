import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Meta, Title } from '@angular/platform-browser';
import type { PublicProjectDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { VIDEOJS_LOADER } from '../media/video-js-loader';
import { SharePage } from './share-page';

const PUBLIC_ID = 'q3Jx0v9TtWm1b7rQy2A4kQ';

const PROJECT: PublicProjectDto = {
  publicId: PUBLIC_ID,
  title: 'Best of January',
  video: {
    durationSeconds: 75.4,
    width: 1280,
    height: 720,
    mimeType: 'video/mp4',
    sizeBytes: 1000,
    streamUrl: `/api/public/projects/${PUBLIC_ID}/video`,
    downloadUrl: `/api/public/projects/${PUBLIC_ID}/download`,
    thumbnailUrl: null,
  },
  chapters: [
    { startSeconds: 0, title: 'Intro' },
    { startSeconds: 65, title: 'Outro' },
  ],
  chaptersText: '00:00 Intro\n01:05 Outro',
};

describe('SharePage (/p/:publicId)', () => {
  let fixture: ComponentFixture<SharePage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const robots = () => TestBed.inject(Meta).getTag('name="robots"')?.content ?? null;

  function open() {
    fixture = TestBed.createComponent(SharePage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('publicId', PUBLIC_ID);
    fixture.detectChanges();
    return http.expectOne(`/api/public/projects/${PUBLIC_ID}`);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [SharePage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: VIDEOJS_LOADER, useValue: () => new Promise(() => undefined) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('shows the title, the video, the download and the chapters; noindex while open', () => {
    open().flush(PROJECT);
    fixture.detectChanges();
    expect(text(byTestId('share-title'))).toBe('Best of January');
    expect(byTestId('share-player')).not.toBeNull();
    expect(byTestId('share-download')?.getAttribute('href')).toBe(
      `/api/public/projects/${PUBLIC_ID}/download`,
    );
    expect(text(byTestId('share-duration'))).toBe('1:15');
    expect(
      Array.from(el.querySelectorAll('[data-testid="share-chapter"]')).map((c) => text(c)),
    ).toEqual(['00:00 Intro', '01:05 Outro']);
    expect(TestBed.inject(Title).getTitle()).toBe('Best of January · ClippyFront');
    expect(robots()).toBe('noindex');
    fixture.destroy();
    expect(robots()).toBeNull();
  });

  it('says "Not found" for a 404, whatever the reason', () => {
    open().flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'x' });
    fixture.detectChanges();
    expect(byTestId('share-not-found')).not.toBeNull();
    expect(byTestId('share-player')).toBeNull();
    expect(TestBed.inject(Title).getTitle()).toBe('Not found · ClippyFront');
    expect(robots()).toBe('noindex');
  });

  it('a shared project without a video says so; another error offers a retry', () => {
    open().flush({ ...PROJECT, video: null, chapters: [], chaptersText: '' });
    fixture.detectChanges();
    expect(byTestId('share-no-video')).not.toBeNull();
    fixture.componentInstance.reload();
    http
      .expectOne(`/api/public/projects/${PUBLIC_ID}`)
      .flush({ statusCode: 429, message: 'Too many requests' }, { status: 429, statusText: 'x' });
    fixture.detectChanges();
    expect(text(byTestId('share-load-error'))).toContain('Too many requests');
  });
});
