import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { PROJECT_RULES, type ClipDto } from '@clippyfront/shared';
import { makeHealth, text, typeInto } from '../../../testing/fixtures';
import { makeClip, makeQueuedClip } from '../../../testing/project-fixtures';
import { CLIP_THUMBNAIL_WAIT_MS, CLIPS_POLL_MS, ClipsStep } from './clips-step';

const CLIPS_URL = '/api/projects/p1/clips';

describe('ClipsStep', () => {
  let fixture: ComponentFixture<ClipsStep>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let counts: number[];

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const all = (id: string) => Array.from(el.querySelectorAll(`[data-testid="${id}"]`));
  const rows = () => all('clip-row');
  const click = (target: Element | null) => {
    (target as HTMLElement).click();
    fixture.detectChanges();
  };
  const answerList = (items: ClipDto[]) => {
    http.expectOne({ method: 'GET', url: CLIPS_URL }).flush({ items });
    fixture.detectChanges();
  };
  const paste = (value: string) => {
    typeInto(byTestId('clips-urls'), value);
    fixture.detectChanges();
  };

  function create(items: ClipDto[] = []): void {
    fixture = TestBed.createComponent(ClipsStep);
    el = fixture.nativeElement as HTMLElement;
    counts = [];
    fixture.componentInstance.countChange.subscribe((n) => counts.push(n));
    fixture.componentRef.setInput('projectId', 'p1');
    fixture.detectChanges();
    http.match('/api/health').forEach((req) => req.flush(makeHealth()));
    answerList(items);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ClipsStep],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    jest.useRealTimers();
    http.verify();
  });

  it('lists the clips of the project with counts, or says there are none', () => {
    create([
      makeClip({ id: 'a' }),
      makeQueuedClip({ id: 'b', state: 'failed', error: 'x' }),
      makeClip({ id: 'c' }),
    ]);
    expect(rows().map((r) => r.getAttribute('data-clip-id'))).toEqual(['a', 'b', 'c']);
    expect(text(byTestId('clips-counts'))).toBe('3 clips · 2 ready · 1 failed');
    expect(byTestId('clips-live')).toBeNull();
    expect(counts).toEqual([3]);
    fixture.destroy();

    create([]);
    expect(text(byTestId('clips-empty'))).toContain('No clips yet');
  });

  it('names the sources the server takes links from (other sites only when allowed)', () => {
    fixture = TestBed.createComponent(ClipsStep);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('projectId', 'p1');
    fixture.detectChanges();
    expect(text(byTestId('clips-sources'))).toBe('Twitch clips and Discord attachments');
    http.expectOne('/api/health').flush(makeHealth({ clipSources: { external: true } }));
    answerList([]);
    expect(text(byTestId('clips-sources'))).toBe(
      'Twitch clips, Discord attachments and video links from other sites',
    );
    expect(text(el.querySelector('#clips-urls-hint'))).toContain('one per line');
  });

  it('names Twitch and Discord only when the server takes nothing else', () => {
    create();
    expect(text(byTestId('clips-sources'))).toBe('Twitch clips and Discord attachments');
  });

  it('sends the pasted URLs and shows what was accepted and what was rejected (201)', () => {
    create();
    expect((byTestId('clips-add') as HTMLButtonElement).disabled).toBe(true);
    paste(
      'https://clips.twitch.tv/A\nhttps://clips.twitch.tv/A, ftp://x  https://clips.twitch.tv/B',
    );
    expect(text(byTestId('clips-url-count'))).toBe('3 URLs · 1 repeated entry left out');
    click(byTestId('clips-add'));

    const post = http.expectOne({ method: 'POST', url: CLIPS_URL });
    expect(post.request.body).toEqual({
      urls: ['https://clips.twitch.tv/A', 'ftp://x', 'https://clips.twitch.tv/B'],
    });
    expect(text(byTestId('clips-add'))).toBe('Adding…');
    const accepted = [
      makeQueuedClip({ id: 'a', sourceUrl: 'https://clips.twitch.tv/A' }),
      makeQueuedClip({ id: 'b', sourceUrl: 'https://clips.twitch.tv/B' }),
    ];
    post.flush(
      {
        accepted,
        rejected: [
          { url: 'ftp://x', reason: 'invalid-url', message: 'Only http(s) links can be added.' },
        ],
      },
      { status: 201, statusText: 'Created' },
    );
    fixture.detectChanges();

    expect(text(byTestId('clips-accepted'))).toBe('Added 2 clips.');
    expect(text(byTestId('clips-rejected'))).toContain('1 link was not added');
    const rejected = all('clips-rejected-item');
    expect(rejected.map((r) => r.getAttribute('data-url'))).toEqual(['ftp://x']);
    expect(rejected.map((r) => r.getAttribute('data-reason'))).toEqual(['invalid-url']);
    expect(text(rejected[0].querySelector('[data-testid="clips-rejected-message"]'))).toBe(
      'Only http(s) links can be added.',
    );
    // The accepted clips show at once; the text box is emptied; the list is read again.
    expect(rows().map((r) => r.getAttribute('data-clip-id'))).toEqual(['a', 'b']);
    expect((byTestId('clips-urls') as HTMLTextAreaElement).value).toBe('');
    answerList(accepted);
    expect(text(byTestId('clips-counts'))).toBe('2 clips · 0 ready · 2 in progress');
    expect(byTestId('clips-live')).not.toBeNull();
  });

  it('adds clips ticked in Fetch from Twitch through the same add call, keeping the pasted text', () => {
    create();
    paste('https://clips.twitch.tv/Pasted');
    expect(byTestId('fetch-twitch')).toBeNull();
    click(byTestId('fetch-twitch-toggle'));
    expect(byTestId('fetch-twitch')).not.toBeNull();
    (byTestId('fetch-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http
      .expectOne((r) => r.url === '/api/twitch/clips')
      .flush({
        broadcaster: { login: 'me', displayName: 'Me' },
        clips: ['A', 'B'].map((slug) => ({
          source: 'twitch',
          url: `https://clips.twitch.tv/${slug}`,
          title: slug,
          creatorName: null,
          viewCount: 1,
          createdAt: '2026-01-01T00:00:00.000Z',
          thumbnailUrl: null,
          durationSeconds: null,
        })),
        cursor: null,
      });
    fixture.detectChanges();
    all('found-clip-check').forEach((box) => click(box));
    click(byTestId('fetch-add'));
    const post = http.expectOne({ method: 'POST', url: CLIPS_URL });
    expect(post.request.body).toEqual({
      urls: ['https://clips.twitch.tv/A', 'https://clips.twitch.tv/B'],
    });
    post.flush(
      {
        accepted: [makeQueuedClip({ id: 'a', sourceUrl: 'https://clips.twitch.tv/A' })],
        rejected: [
          {
            url: 'https://clips.twitch.tv/B',
            reason: 'already-in-project',
            message: 'Already in this project',
          },
        ],
      },
      { status: 201, statusText: 'Created' },
    );
    fixture.detectChanges();
    expect(text(byTestId('clips-accepted'))).toBe('Added 1 clip.');
    expect(all('clips-rejected-message').map(text)).toEqual(['Already in this project']);
    expect((byTestId('clips-urls') as HTMLTextAreaElement).value).toBe(
      'https://clips.twitch.tv/Pasted',
    );
    answerList([makeQueuedClip({ id: 'a', sourceUrl: 'https://clips.twitch.tv/A' })]);
    expect(rows()).toHaveLength(1);

    click(byTestId('fetch-discord-toggle'));
    expect(byTestId('fetch-twitch')).toBeNull();
    expect(byTestId('fetch-discord')).not.toBeNull();
    click(byTestId('fetch-discord-toggle'));
    expect(byTestId('fetch-discord')).toBeNull();
  });

  it('shows the rejected URLs of a 400 (none accepted) and keeps the text to fix it', () => {
    create();
    paste('ftp://x\njavascript:alert(1)');
    click(byTestId('clips-add'));
    http.expectOne({ method: 'POST', url: CLIPS_URL }).flush(
      {
        statusCode: 400,
        message: 'None of the URLs can be added',
        rejected: [
          { url: 'ftp://x', reason: 'invalid-url', message: 'Not an http(s) URL.' },
          {
            url: 'javascript:alert(1)',
            reason: 'invalid-url',
            message: 'Not an http(s) URL.',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(text(byTestId('clips-accepted'))).toBe('No clips were added.');
    expect(text(byTestId('clips-rejected'))).toContain('2 links were not added');
    expect(all('clips-rejected-url').map(text)).toEqual(['ftp://x', 'javascript:alert(1)']);
    expect((byTestId('clips-urls') as HTMLTextAreaElement).value).toBe(
      'ftp://x\njavascript:alert(1)',
    );
    expect(byTestId('clips-add-error')).toBeNull();
    http.expectNone(CLIPS_URL);
  });

  it('shows other errors as such', () => {
    create();
    paste('https://clips.twitch.tv/A');
    click(byTestId('clips-add'));
    http
      .expectOne({ method: 'POST', url: CLIPS_URL })
      .flush(
        { statusCode: 404, message: 'Project not found' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(text(byTestId('clips-add-error'))).toBe('Project not found');
    expect(byTestId('clips-add-result')).toBeNull();
    expect((byTestId('clips-add') as HTMLButtonElement).disabled).toBe(false);
  });

  it('refuses URLs too long to send without asking the API', () => {
    create();
    const long = `https://a.test/${'x'.repeat(PROJECT_RULES.maxUrlLength)}`;
    paste(long);
    click(byTestId('clips-add'));
    http.expectNone({ method: 'POST', url: CLIPS_URL });
    expect(text(byTestId('clips-rejected-message'))).toBe(
      `Longer than ${PROJECT_RULES.maxUrlLength} characters`,
    );
  });

  it('polls every 2 s while a clip is queued or downloading, and stops when none is', () => {
    jest.useFakeTimers();
    const queued = makeQueuedClip({ id: 'a' });
    create([queued, makeClip({ id: 'b' })]);
    expect(byTestId('clips-live')).not.toBeNull();

    jest.advanceTimersByTime(CLIPS_POLL_MS - 1);
    http.expectNone(CLIPS_URL);
    jest.advanceTimersByTime(1);
    answerList([{ ...queued, state: 'downloading', progress: 40 }, makeClip({ id: 'b' })]);
    expect(byTestId('clip-progress')?.getAttribute('aria-valuenow')).toBe('40');

    jest.advanceTimersByTime(CLIPS_POLL_MS);
    answerList([
      { ...queued, state: 'ready', progress: 100, hasThumbnail: true },
      makeClip({ id: 'b' }),
    ]);
    expect(rows().map((r) => r.getAttribute('data-state'))).toEqual(['ready', 'ready']);
    expect(byTestId('clips-live')).toBeNull();

    jest.advanceTimersByTime(CLIPS_POLL_MS * 5);
    http.expectNone(CLIPS_URL);
  });

  it('does not poll a list where nothing changes by itself', () => {
    jest.useFakeTimers();
    create([makeClip({ id: 'a' }), makeQueuedClip({ id: 'b', state: 'failed', error: 'x' })]);
    jest.advanceTimersByTime(CLIPS_POLL_MS * 5);
    http.expectNone(CLIPS_URL);
  });

  it('stops polling when destroyed', () => {
    jest.useFakeTimers();
    create([makeQueuedClip({ id: 'a', state: 'downloading', progress: 10 })]);
    fixture.destroy();
    jest.advanceTimersByTime(CLIPS_POLL_MS * 3);
    http.expectNone(CLIPS_URL);
  });

  it('keeps polling through a passing error, and stops if the project is gone', () => {
    jest.useFakeTimers();
    const downloading = makeQueuedClip({ id: 'a', state: 'downloading', progress: 10 });
    create([downloading]);
    jest.advanceTimersByTime(CLIPS_POLL_MS);
    http.expectOne(CLIPS_URL).error(new ProgressEvent('error'), { status: 0 });
    fixture.detectChanges();
    expect(text(byTestId('clips-error'))).toContain('Cannot reach the ClippyFront API');
    expect(rows()).toHaveLength(1);

    jest.advanceTimersByTime(CLIPS_POLL_MS);
    http
      .expectOne(CLIPS_URL)
      .flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    jest.advanceTimersByTime(CLIPS_POLL_MS * 3);
    http.expectNone(CLIPS_URL);
  });

  it('waits a while for the thumbnail of a ready clip, then gives up', () => {
    jest.useFakeTimers();
    const noThumb = makeClip({ id: 'a', hasThumbnail: false });
    create([noThumb]);
    expect(text(byTestId('clip-thumbnail-placeholder'))).toBe('Making a thumbnail…');
    for (let waited = 0; waited < CLIP_THUMBNAIL_WAIT_MS; waited += CLIPS_POLL_MS) {
      jest.advanceTimersByTime(CLIPS_POLL_MS);
      answerList([noThumb]);
    }
    jest.advanceTimersByTime(CLIPS_POLL_MS * 3);
    http.expectNone(CLIPS_URL);
    expect(text(byTestId('clip-thumbnail-placeholder'))).toBe('No thumbnail');
  });

  it('retries a failed clip, then follows it again', () => {
    jest.useFakeTimers();
    const failed = makeQueuedClip({ id: 'a', state: 'failed', error: 'HTTP 404' });
    create([failed]);
    click(rows()[0].querySelector('[data-testid="clip-retry"]'));
    const retry = http.expectOne({ method: 'POST', url: `${CLIPS_URL}/a/retry` });
    expect(retry.request.body).toEqual({});
    expect(text(byTestId('clip-retry'))).toContain('Retrying…');
    retry.flush({ ...failed, state: 'queued', error: null });
    answerList([{ ...failed, state: 'queued', error: null }]);
    expect(rows()[0].getAttribute('data-state')).toBe('queued');
    jest.advanceTimersByTime(CLIPS_POLL_MS);
    answerList([makeClip({ id: 'a' })]);
    expect(rows()[0].getAttribute('data-state')).toBe('ready');
  });

  it('removes a clip', () => {
    create([makeClip({ id: 'a' }), makeClip({ id: 'b', title: 'Second' })]);
    click(rows()[1].querySelector('[data-testid="clip-remove"]'));
    http
      .expectOne({ method: 'DELETE', url: `${CLIPS_URL}/b` })
      .flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(rows().map((r) => r.getAttribute('data-clip-id'))).toEqual(['a']);
    answerList([makeClip({ id: 'a' })]);
    expect(counts).toEqual([2, 1]);
  });

  it('says why an action failed', () => {
    create([makeClip({ id: 'a', title: 'Ace' })]);
    click(byTestId('clip-remove'));
    http
      .expectOne({ method: 'DELETE', url: `${CLIPS_URL}/a` })
      .flush({ statusCode: 409, message: 'Busy' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text(byTestId('clips-action-error'))).toBe('Could not remove “Ace”: Busy (HTTP 409)');
    expect(rows()).toHaveLength(1);
    expect((byTestId('clip-remove') as HTMLButtonElement).disabled).toBe(false);
  });
});
