import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type {
  MediaDto,
  MediaType,
  ThemeBase,
  ThemeColours,
  TimelineClipDto,
} from '@clippyfront/shared';
import { MediaCard } from '../media/media-card';
import { TimelineCard } from '../projects/arrange/timeline-card';
import { MediaThumb } from '../projects/arrange/media-thumb';

const PREVIEW_TYPES: MediaType[] = ['intro', 'clip', 'outro', 'transition', 'compilation', 'image'];

const previewMedia = (type: MediaType, i: number): MediaDto => ({
  id: `preview-${type}`,
  name: `${type[0]!.toUpperCase()}${type.slice(1)} example`,
  type,
  mimeType: type === 'image' ? 'image/png' : 'video/mp4',
  sizeBytes: 2_500_000 * (i + 1),
  tags: i % 2 ? ['preview'] : [],
  durationSeconds: type === 'image' ? null : 5 + i * 3,
  width: 1920,
  height: 1080,
  fps: type === 'image' ? null : 30,
  videoCodec: type === 'image' ? null : 'h264',
  audioCodec: null,
  hasAudio: false,
  hasThumbnail: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const PREVIEW_CLIP: TimelineClipDto = {
  id: 'preview-clip',
  projectId: 'preview',
  sourceUrl: 'https://clips.twitch.tv/preview',
  normalizedUrl: 'https://clips.twitch.tv/preview',
  source: 'twitch',
  state: 'ready',
  progress: 100,
  error: null,
  reused: false,
  mediaId: null,
  jobId: null,
  hasThumbnail: false,
  hasAvatar: false,
  title: 'A clutch play',
  creatorName: 'streamer',
  creatorId: null,
  broadcasterName: null,
  gameName: 'Some Game',
  viewCount: null,
  clipCreatedAt: null,
  durationSeconds: 24,
  playSeconds: 24,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/**
 * The SPA's own components drawn with a palette that is not saved yet: the palette is set as
 * CSS custom properties on this element (CSSOM, which the strict CSP allows), and `.cf-theme-scope`
 * derives the rest of the tokens from it, as :root does for the site.
 */
@Component({
  selector: 'cf-theme-preview',
  imports: [MediaCard, MediaThumb, TimelineCard],
  templateUrl: './theme-preview.html',
  host: {
    class: 'cf-theme-scope theme-preview',
    'data-testid': 'theme-preview',
    '[style.color-scheme]': 'base()',
    '[style.--cf-bg]': 'colours().background',
    '[style.--cf-surface]': 'colours().surface',
    '[style.--cf-text]': 'colours().text',
    '[style.--cf-text-muted]': 'colours().muted',
    '[style.--cf-primary]': 'colours().primary',
    '[style.--cf-accent]': 'colours().accent',
    '[style.--cf-success]': 'colours().success',
    '[style.--cf-warning]': 'colours().warning',
    '[style.--cf-danger]': 'colours().danger',
    '[style.--cf-border]': 'colours().border',
    '[style.--cf-type-intro]': 'colours().intro',
    '[style.--cf-type-clip]': 'colours().clip',
    '[style.--cf-type-outro]': 'colours().outro',
    '[style.--cf-type-transition]': 'colours().transition',
    '[style.--cf-type-compilation]': 'colours().compilation',
    '[style.--cf-type-image]': 'colours().image',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThemePreview {
  readonly colours = input.required<ThemeColours>();
  readonly base = input.required<ThemeBase>();

  readonly media = computed(() => PREVIEW_TYPES.map(previewMedia));
  readonly clip = PREVIEW_CLIP;
}
