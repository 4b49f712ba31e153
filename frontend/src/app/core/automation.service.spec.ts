import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { FoundClipDto } from '@clippyfront/shared';
import { AutomationService, isRunActive } from './automation.service';

const clip = (url: string, viewCount: number): FoundClipDto => ({
  source: 'twitch',
  url,
  title: url,
  creatorName: null,
  viewCount,
  createdAt: '2026-05-01T00:00:00Z',
  thumbnailUrl: null,
  durationSeconds: 10,
});

describe('AutomationService', () => {
  let service: AutomationService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(AutomationService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('runs a task now with POST and answers the run id', () => {
    let runId = '';
    service.runNow('t/1').subscribe((answer) => (runId = answer.runId));
    const req = http.expectOne('/api/automation/tasks/t%2F1/run');
    expect(req.request.method).toBe('POST');
    req.flush({ runId: 'r1' });
    expect(runId).toBe('r1');
  });

  it('enables and disables schedules on their own routes', () => {
    service.setScheduleEnabled('s1', true).subscribe();
    expect(http.expectOne('/api/automation/schedules/s1/enable').request.method).toBe('POST');
    service.setScheduleEnabled('s1', false).subscribe();
    http.expectOne('/api/automation/schedules/s1/disable').flush({});
  });

  it('previews a Twitch source: most viewed of the period over minViews, cut to count', () => {
    let urls: string[] = [];
    const now = Date.parse('2026-05-10T12:00:00Z');
    service
      .preview(
        {
          kind: 'twitch',
          username: 'streamer',
          lastDays: 2,
          count: 2,
          minViews: 10,
          sort: 'views',
        },
        now,
      )
      .subscribe((clips) => (urls = clips.map((c) => c.url)));
    const req = http.expectOne((r) => r.url === '/api/twitch/clips');
    expect(req.request.params.get('username')).toBe('streamer');
    expect(req.request.params.get('sort')).toBe('views');
    expect(req.request.params.get('startedAt')).toBe('2026-05-08T12:00:00.000Z');
    req.flush({
      broadcaster: { login: 'streamer', displayName: 'Streamer' },
      clips: [clip('a', 90), clip('b', 5), clip('c', 40), clip('d', 20)],
      cursor: null,
    });
    expect(urls).toEqual(['a', 'c']);
  });

  it('previews a Discord source: the newest count clip links', () => {
    let urls: string[] = [];
    service
      .preview({ kind: 'discord', channelId: '123456', count: 1 })
      .subscribe((clips) => (urls = clips.map((c) => c.url)));
    const req = http.expectOne((r) => r.url === '/api/discord/messages');
    expect(req.request.params.get('channelId')).toBe('123456');
    req.flush({ clips: [clip('new', 0), clip('old', 0)], before: null });
    expect(urls).toEqual(['new']);
  });

  it('knows which run states still change', () => {
    expect(isRunActive('queued')).toBe(true);
    expect(isRunActive('running')).toBe(true);
    expect(isRunActive('completed')).toBe(false);
    expect(isRunActive('failed')).toBe(false);
    expect(isRunActive(null)).toBe(false);
  });
});
