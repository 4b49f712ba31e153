import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { text } from '../../../testing/fixtures';
import { VIDEOJS_LOADER, type VideoJs } from './video-js-loader';
import { codecName, VideoPlayer } from './video-player';

/** What the component uses of a video.js player. */
class FakePlayer {
  readonly handlers = new Map<string, () => void>();
  currentError: { code: number; message: string } | null = null;
  disposed = false;
  sources: unknown[] = [];

  constructor(
    readonly element: HTMLVideoElement,
    readonly options: Record<string, unknown>,
  ) {}
  on(event: string, handler: () => void) {
    this.handlers.set(event, handler);
  }
  error() {
    return this.currentError;
  }
  src(source: unknown) {
    this.sources.push(source);
  }
  dispose() {
    this.disposed = true;
  }
  fail(code: number, message: string) {
    this.currentError = { code, message };
    this.handlers.get('error')?.();
  }
}

@Component({
  imports: [VideoPlayer],
  template: `<cf-video-player [src]="src()" mimeType="video/mp4" [codec]="codec()" />`,
})
class Host {
  readonly src = signal('/api/media/m1/stream');
  readonly codec = signal<string | null>('hevc');
}

describe('VideoPlayer', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;
  let players: FakePlayer[];
  let load: jest.Mock<Promise<VideoJs>>;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

  async function create(): Promise<FakePlayer> {
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await fixture.whenStable();
    await Promise.resolve();
    return players[0];
  }

  beforeEach(() => {
    players = [];
    const videojs = (element: HTMLVideoElement, options: Record<string, unknown>) => {
      const player = new FakePlayer(element, options);
      players.push(player);
      return player;
    };
    load = jest.fn(() => Promise.resolve(videojs as unknown as VideoJs));
    TestBed.configureTestingModule({ providers: [{ provide: VIDEOJS_LOADER, useValue: load }] });
  });

  it('creates a video.js player on a <video> inside the component, with the typed source', async () => {
    const player = await create();
    expect(load).toHaveBeenCalledTimes(1);
    expect(player.element.tagName).toBe('VIDEO');
    expect(el.querySelector('.video-player__stage video')).toBe(player.element);
    expect(player.options).toMatchObject({
      controls: true,
      sources: [{ src: '/api/media/m1/stream', type: 'video/mp4' }],
    });
  });

  it('says the browser cannot play the codec and offers the file', async () => {
    const player = await create();
    player.fail(4, 'No compatible source was found for this media.');
    fixture.detectChanges();
    expect(text(byTestId('media-preview-problem'))).toContain(
      'This browser cannot play HEVC (H.265) video.',
    );
    expect(byTestId('media-preview-download')?.getAttribute('href')).toBe('/api/media/m1/stream');
    expect(el.querySelector('.video-player__stage--hidden')).not.toBeNull();
  });

  it('reports other playback errors with their message', async () => {
    const player = await create();
    player.fail(2, 'A network error caused the media download to fail part-way.');
    fixture.detectChanges();
    expect(text(byTestId('media-preview-problem'))).toContain('A network error');
  });

  it('follows a new source and disposes the player when destroyed', async () => {
    const player = await create();
    fixture.componentInstance.src.set('/api/media/m2/stream');
    fixture.detectChanges();
    expect(player.sources).toEqual([{ src: '/api/media/m2/stream', type: 'video/mp4' }]);
    fixture.destroy();
    expect(player.disposed).toBe(true);
  });

  it('says so when video.js cannot be loaded', async () => {
    load.mockReturnValueOnce(Promise.reject(new Error('chunk failed')));
    await create();
    fixture.detectChanges();
    expect(text(byTestId('media-preview-problem'))).toContain('could not be loaded');
  });

  it('names codecs people recognise', () => {
    expect(codecName('h264', 'video/mp4')).toBe('H.264');
    expect(codecName('theora', 'video/ogg')).toBe('THEORA');
    expect(codecName(null, 'video/x-matroska')).toBe('video/x-matroska');
  });
});
