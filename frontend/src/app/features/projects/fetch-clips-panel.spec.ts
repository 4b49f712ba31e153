import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ClipSourceKind, FoundClipDto } from '@clippyfront/shared';
import { AuthService } from '../../core/auth.service';
import { choose, makeUser, text, typeInto } from '../../../testing/fixtures';
import { FetchClipsPanel } from './fetch-clips-panel';

const TWITCH = '/api/twitch/clips';
const DISCORD = '/api/discord/messages';
const DAY = 86_400_000;

function found(slug: string, overrides: Partial<FoundClipDto> = {}): FoundClipDto {
  return {
    source: 'twitch',
    url: `https://clips.twitch.tv/${slug}`,
    title: `Clip ${slug}`,
    creatorName: 'clipper',
    viewCount: 12,
    createdAt: new Date(Date.now() - DAY).toISOString(),
    thumbnailUrl: `https://static-cdn.jtvnw.net/${slug}.jpg`,
    durationSeconds: 20,
    ...overrides,
  };
}

describe('FetchClipsPanel', () => {
  let fixture: ComponentFixture<FetchClipsPanel>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let added: string[][];

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const all = (id: string) => Array.from(el.querySelectorAll(`[data-testid="${id}"]`));
  const click = (target: Element | null) => {
    (target as HTMLElement).click();
    fixture.detectChanges();
  };
  const submit = () => {
    (byTestId('fetch-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  };
  const titles = () => all('found-clip-title').map((a) => text(a));

  function create(source: ClipSourceKind, twitchUsername: string | null = 'streamer'): void {
    TestBed.inject(AuthService).setUser(makeUser({ twitchUsername }));
    fixture = TestBed.createComponent(FetchClipsPanel);
    el = fixture.nativeElement as HTMLElement;
    added = [];
    fixture.componentInstance.addUrls.subscribe((urls) => added.push(urls));
    fixture.componentRef.setInput('source', source);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [FetchClipsPanel],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it("prefills the profile's Twitch username and lists the clips with their facts", () => {
    create('twitch');
    expect((byTestId('fetch-username') as HTMLInputElement).value).toBe('streamer');
    submit();
    const request = http.expectOne((r) => r.url === TWITCH);
    expect(request.request.params.get('username')).toBe('streamer');
    expect(request.request.params.get('first')).toBe('20');
    expect(request.request.params.get('sort')).toBe('newest');
    expect(request.request.params.has('startedAt')).toBe(false);
    request.flush({
      broadcaster: { login: 'streamer', displayName: 'Streamer' },
      clips: [found('A', { viewCount: 1 }), found('B', { creatorName: null, thumbnailUrl: null })],
      cursor: null,
    });
    fixture.detectChanges();
    expect(titles()).toEqual(['Clip A', 'Clip B']);
    const [first, second] = all('found-clip');
    expect(text(first!.querySelector('[data-testid="found-clip-views"]'))).toBe('1 view');
    expect(text(first!.querySelector('[data-testid="found-clip-creator"]'))).toBe('clipper');
    expect(text(first!.querySelector('[data-testid="found-clip-date"]'))).toBe('1 d ago');
    expect(first!.querySelector('img')?.getAttribute('src')).toBe(
      'https://static-cdn.jtvnw.net/A.jpg',
    );
    expect(second!.querySelector('img')).toBeNull();
    expect(second!.querySelector('[data-testid="found-clip-creator"]')).toBeNull();
    expect(byTestId('fetch-more')).toBeNull();
    expect(text(byTestId('fetch-heading'))).toBe('Streamer: 2 clips');
  });

  it('sends the period and order chosen; a blank username lets the server use the profile', () => {
    create('twitch', null);
    choose(byTestId('fetch-period'), '7');
    choose(byTestId('fetch-sort'), 'views');
    submit();
    const request = http.expectOne((r) => r.url === TWITCH);
    expect(request.request.params.has('username')).toBe(false);
    expect(request.request.params.get('sort')).toBe('views');
    const since = Date.parse(request.request.params.get('startedAt')!);
    expect(Math.round((Date.now() - since) / DAY)).toBe(7);
    request.flush(
      { statusCode: 400, message: 'username is required' },
      { status: 400, statusText: 'Bad' },
    );
    fixture.detectChanges();
    expect(text(byTestId('fetch-error'))).toBe('username is required (HTTP 400)');
  });

  it('ticks clips and adds only the ticked ones, in list order, then clears the ticks', () => {
    create('twitch');
    submit();
    http
      .expectOne((r) => r.url === TWITCH)
      .flush({
        broadcaster: { login: 'streamer', displayName: 'Streamer' },
        clips: [found('A'), found('B'), found('C')],
        cursor: null,
      });
    fixture.detectChanges();
    expect((byTestId('fetch-add') as HTMLButtonElement).disabled).toBe(true);
    const checks = all('found-clip-check');
    click(checks[2]!);
    click(checks[0]!);
    expect(text(byTestId('fetch-selected-count'))).toBe('2 selected');
    click(byTestId('fetch-add'));
    expect(added).toEqual([['https://clips.twitch.tv/A', 'https://clips.twitch.tv/C']]);
    expect(text(byTestId('fetch-selected-count'))).toBe('0 selected');
    click(byTestId('fetch-select-all'));
    expect(text(byTestId('fetch-selected-count'))).toBe('3 selected');
    fixture.componentRef.setInput('adding', true);
    fixture.detectChanges();
    expect((byTestId('fetch-add') as HTMLButtonElement).disabled).toBe(true);
  });

  it('"the N most viewed of the last 7 days" fetches them and ticks them all', () => {
    create('twitch');
    typeInto(byTestId('fetch-top-count'), '3');
    fixture.detectChanges();
    expect(text(byTestId('fetch-top-week'))).toBe('Select the 3 most viewed of the last 7 days');
    click(byTestId('fetch-top-week'));
    const request = http.expectOne((r) => r.url === TWITCH);
    expect(request.request.params.get('first')).toBe('3');
    expect(request.request.params.get('sort')).toBe('views');
    expect(
      Math.round((Date.now() - Date.parse(request.request.params.get('startedAt')!)) / DAY),
    ).toBe(7);
    request.flush({
      broadcaster: { login: 'streamer', displayName: 'Streamer' },
      clips: [found('Top1'), found('Top2'), found('Top3')],
      cursor: 'next',
    });
    fixture.detectChanges();
    expect(text(byTestId('fetch-selected-count'))).toBe('3 selected');
    expect((byTestId('fetch-period') as HTMLSelectElement).value).toBe('7');
    click(byTestId('fetch-add'));
    expect(added[0]).toHaveLength(3);
  });

  it('loads more with the cursor, keeping the list and the ticks', () => {
    create('twitch');
    submit();
    http
      .expectOne((r) => r.url === TWITCH)
      .flush({
        broadcaster: { login: 'streamer', displayName: 'Streamer' },
        clips: [found('A')],
        cursor: 'page2',
      });
    fixture.detectChanges();
    click(all('found-clip-check')[0]!);
    click(byTestId('fetch-more'));
    const more = http.expectOne((r) => r.url === TWITCH);
    expect(more.request.params.get('after')).toBe('page2');
    expect(more.request.params.get('username')).toBe('streamer');
    more.flush({
      broadcaster: { login: 'streamer', displayName: 'Streamer' },
      clips: [found('A'), found('B')],
      cursor: null,
    });
    fixture.detectChanges();
    expect(titles()).toEqual(['Clip A', 'Clip B']);
    expect(text(byTestId('fetch-selected-count'))).toBe('1 selected');
    expect(byTestId('fetch-more')).toBeNull();
  });

  it('Discord: needs a numeric channel id, pages with before, shows the server error', () => {
    create('discord');
    expect((byTestId('fetch-submit') as HTMLButtonElement).disabled).toBe(true);
    typeInto(byTestId('fetch-channel'), 'general');
    fixture.detectChanges();
    expect((byTestId('fetch-submit') as HTMLButtonElement).disabled).toBe(true);
    typeInto(byTestId('fetch-channel'), ' 123456789012345678 ');
    fixture.detectChanges();
    submit();
    const request = http.expectOne((r) => r.url === DISCORD);
    expect(request.request.params.get('channelId')).toBe('123456789012345678');
    expect(request.request.params.get('limit')).toBe('50');
    request.flush({
      clips: [
        found('x', {
          source: 'discord',
          url: 'https://cdn.discordapp.com/attachments/1/2/a.mp4',
          title: 'a.mp4',
          viewCount: null,
        }),
      ],
      before: '999',
    });
    fixture.detectChanges();
    expect(titles()).toEqual(['a.mp4']);
    expect(all('found-clip-views')).toHaveLength(0);
    expect(text(byTestId('fetch-more'))).toBe('Older messages');
    click(byTestId('fetch-more'));
    const older = http.expectOne((r) => r.url === DISCORD);
    expect(older.request.params.get('before')).toBe('999');
    older.flush(
      { statusCode: 404, message: 'Discord channel not found, or the bot cannot read it' },
      { status: 404, statusText: 'Not Found' },
    );
    fixture.detectChanges();
    expect(text(byTestId('fetch-error'))).toBe(
      'Discord channel not found, or the bot cannot read it (HTTP 404)',
    );
    expect(titles()).toEqual(['a.mp4']);
  });

  it('says when nothing was found', () => {
    create('discord');
    typeInto(byTestId('fetch-channel'), '42');
    fixture.detectChanges();
    submit();
    http.expectOne((r) => r.url === DISCORD).flush({ clips: [], before: null });
    fixture.detectChanges();
    expect(text(byTestId('fetch-empty'))).toBe('No clips in these messages.');
    expect(byTestId('fetch-more')).toBeNull();
  });
});
