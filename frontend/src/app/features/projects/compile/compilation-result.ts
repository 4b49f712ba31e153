import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { CompilationDto } from '@clippyfront/shared';
import { MediaService } from '../../../core/media.service';
import { formatBytes } from '../../../shared/format';
import { formatClock } from '../../media/media-format';
import { VideoPlayer } from '../../media/video-player';
import { CompilationsService } from './compilations.service';
import {
  chapterTime,
  compileSettingsSummary,
  ENCODER_LABELS,
  formatRenderTime,
} from './compile-format';

/**
 * A finished compilation: the video in the player, links to download it and its YouTube chapter
 * list, the chapters, and what the render took (duration, size, render time, encoder).
 */
@Component({
  selector: 'cf-compilation-result',
  imports: [VideoPlayer],
  templateUrl: './compilation-result.html',
  host: { class: 'compilation-result', 'data-testid': 'compile-result' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompilationResult {
  private readonly mediaService = inject(MediaService);
  private readonly compilationsService = inject(CompilationsService);

  readonly projectId = input.required<string>();
  readonly compilation = input.required<CompilationDto>();

  readonly media = computed(() => this.compilation().media);
  readonly output = computed(() => this.compilation().output);
  readonly streamUrl = computed(() => {
    const media = this.media();
    return media ? this.mediaService.streamUrl(media.id) : null;
  });
  readonly chaptersUrl = computed(() =>
    this.compilationsService.chaptersUrl(this.projectId(), this.compilation().id),
  );
  readonly chapters = computed(() =>
    (this.output()?.chapters ?? []).map((chapter) => ({
      time: chapterTime(chapter.startSeconds),
      title: chapter.title,
    })),
  );
  readonly duration = computed(
    () => formatClock(this.output()?.durationSeconds ?? this.media()?.durationSeconds) ?? '—',
  );
  readonly size = computed(() => formatBytes(this.output()?.sizeBytes ?? this.media()?.sizeBytes));
  readonly renderTime = computed(() => formatRenderTime(this.output()?.renderSeconds));
  readonly encoder = computed(() => {
    const encoder = this.output()?.encoder;
    return encoder ? (ENCODER_LABELS[encoder] ?? encoder) : '—';
  });
  readonly settings = computed(() => compileSettingsSummary(this.compilation().settings));
}
