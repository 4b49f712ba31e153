import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { VIDEOJS_LOADER, type VideoJsPlayer } from './video-js-loader';

/** HTML5 MediaError code: no decoder or container support for this source. */
export const MEDIA_ERR_SRC_NOT_SUPPORTED = 4;

const CODEC_NAMES: Record<string, string> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  h265: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  prores: 'ProRes',
  mpeg4: 'MPEG-4',
  mpeg2video: 'MPEG-2',
};

/** `hevc` → `HEVC (H.265)`; without a codec, the container (`video/x-matroska`). */
export function codecName(codec: string | null | undefined, mimeType: string): string {
  if (!codec) return mimeType;
  return CODEC_NAMES[codec.toLowerCase()] ?? codec.toUpperCase();
}

/**
 * Plays a video with video.js (loaded lazily), streamed with HTTP Range requests. When the
 * browser cannot decode it, says so and offers the file itself.
 */
@Component({
  selector: 'cf-video-player',
  templateUrl: './video-player.html',
  host: { class: 'video-player' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VideoPlayer {
  private readonly loadVideoJs = inject(VIDEOJS_LOADER);
  private readonly stage = viewChild.required<ElementRef<HTMLElement>>('stage');

  readonly src = input.required<string>();
  readonly mimeType = input.required<string>();
  readonly codec = input<string | null>(null);
  readonly downloadName = input<string | null>(null);

  /** Why the video does not play; null while it does (or is loading). */
  readonly problem = signal<string | null>(null);
  readonly unsupported = signal(false);
  readonly codecLabel = computed(() => codecName(this.codec(), this.mimeType()));

  private player: VideoJsPlayer | null = null;
  private destroyed = false;

  constructor() {
    afterNextRender(() => void this.create());
    effect(() => {
      const source = { src: this.src(), type: this.mimeType() };
      untracked(() => {
        if (!this.player) return;
        this.problem.set(null);
        this.unsupported.set(false);
        this.player.src(source);
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.player?.dispose();
      this.player = null;
    });
  }

  private async create(): Promise<void> {
    let videojs;
    try {
      videojs = await this.loadVideoJs();
    } catch {
      this.problem.set('The video player could not be loaded. Reload the page to try again.');
      return;
    }
    if (this.destroyed) return;
    // video.js replaces the element it is given with its own markup, so the element is made
    // here, inside a container the template owns, rather than in the template itself.
    const video = document.createElement('video');
    video.className = 'video-js';
    video.setAttribute('playsinline', '');
    this.stage().nativeElement.append(video);
    const player = videojs(video, {
      controls: true,
      preload: 'auto',
      fill: true,
      // The component shows its own message with a download link instead.
      errorDisplay: false,
      sources: [{ src: this.src(), type: this.mimeType() }],
    });
    player.on('error', () => this.onError(player.error()?.code ?? null, player.error()?.message));
    this.player = player;
  }

  private onError(code: number | null, message: string | undefined): void {
    const unsupported = code === MEDIA_ERR_SRC_NOT_SUPPORTED;
    this.unsupported.set(unsupported);
    this.problem.set(
      unsupported
        ? `This browser cannot play ${this.codecLabel()} video.`
        : `The video could not be played${message ? `: ${message}` : '.'}`,
    );
  }
}
