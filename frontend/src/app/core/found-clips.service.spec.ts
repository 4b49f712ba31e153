import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FoundClipsService } from './found-clips.service';

describe('FoundClipsService', () => {
  let service: FoundClipsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(FoundClipsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends only the given Twitch parameters', () => {
    service.twitch({ username: 'streamer', first: 5, startedAt: undefined, after: '' }).subscribe();
    const request = http.expectOne((r) => r.url === '/api/twitch/clips');
    expect(request.request.params.keys()).toEqual(['username', 'first']);
    expect(request.request.params.get('first')).toBe('5');
    request.flush({ broadcaster: { login: 's', displayName: 'S' }, clips: [], cursor: null });
  });

  it('reads a Discord channel with limit and before', () => {
    service.discord({ channelId: '42', limit: 10, before: '7' }).subscribe();
    const request = http.expectOne((r) => r.url === '/api/discord/messages');
    expect(request.request.urlWithParams).toBe(
      '/api/discord/messages?channelId=42&limit=10&before=7',
    );
    request.flush({ clips: [], before: null });
  });
});
