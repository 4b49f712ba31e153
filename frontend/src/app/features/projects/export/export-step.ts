import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { API_PATHS, type CompilationDto } from '@clippyfront/shared';
import type { Subscription } from 'rxjs';
import { apiErrorMessage } from '../../../core/api-error';
import { MediaService } from '../../../core/media.service';
import { copyText } from '../../../shared/clipboard';
import { VideoPlayer } from '../../media/video-player';
import { CompilationsService } from '../compile/compilations.service';
import { chapterTime } from '../compile/compile-format';
import {
  artifactState,
  compilationLabel,
  exportableCompilations,
  thumbnailFileName,
} from './export-format';
import { SharePanel } from './share-panel';

/**
 * The wizard's Export step: one of the project's finished compilations (the latest unless
 * another is picked) to watch, download, copy the YouTube chapters of and take the thumbnail
 * of, with its artifact state; and the project's share page.
 */
@Component({
  selector: 'cf-export-step',
  imports: [DatePipe, SharePanel, VideoPlayer],
  templateUrl: './export-step.html',
  host: { class: 'export-step', 'data-testid': 'export-step' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportStep {
  private readonly compilationsService = inject(CompilationsService);
  private readonly mediaService = inject(MediaService);

  readonly projectId = input.required<string>();
  /** The user asked to open the Compile step (nothing is compiled yet). */
  readonly compile = output<void>();

  readonly loaded = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly choices = signal<readonly CompilationDto[]>([]);
  /** The picked compilation's id; null: the latest. */
  readonly pickedId = signal<string | null>(null);
  /** "Copied" (or why not) after the chapters button, for screen readers too. */
  readonly copyStatus = signal<string | null>(null);

  readonly selected = computed<CompilationDto | null>(() => {
    const choices = this.choices();
    return choices.find((c) => c.id === this.pickedId()) ?? choices[0] ?? null;
  });
  readonly media = computed(() => this.selected()?.media ?? null);
  readonly streamUrl = computed(() => {
    const media = this.media();
    return media ? this.mediaService.streamUrl(media.id) : null;
  });
  readonly downloadUrl = computed(() => {
    const c = this.selected();
    return c
      ? API_PATHS.projects.compilationDownload(
          encodeURIComponent(this.projectId()),
          encodeURIComponent(c.id),
        )
      : null;
  });
  readonly thumbnail = computed(() => {
    const media = this.media();
    return media?.hasThumbnail
      ? { url: this.mediaService.thumbnailUrl(media.id), name: thumbnailFileName(media.name) }
      : null;
  });
  readonly chaptersText = computed(() => this.selected()?.output?.chaptersText ?? '');
  readonly chapters = computed(() =>
    (this.selected()?.output?.chapters ?? []).map((chapter) => ({
      time: chapterTime(chapter.startSeconds),
      title: chapter.title,
    })),
  );
  readonly artifact = computed(() => {
    const selected = this.selected();
    return artifactState(selected?.artifact ?? null, selected?.imported ?? null);
  });
  protected readonly label = (c: CompilationDto) => compilationLabel(c);

  private request?: Subscription;

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  reload(): void {
    this.load(this.projectId());
  }

  pick(id: string): void {
    this.pickedId.set(id);
    this.copyStatus.set(null);
  }

  async copyChapters(): Promise<void> {
    const text = this.chaptersText();
    if (!text) return;
    const copied = await copyText(text);
    const count = this.chapters().length;
    this.copyStatus.set(
      copied
        ? `Copied ${count} ${count === 1 ? 'chapter' : 'chapters'} to the clipboard`
        : 'Could not copy: select the list below and copy it',
    );
  }

  private load(projectId: string): void {
    this.request?.unsubscribe();
    this.loadError.set(null);
    this.request = this.compilationsService.list(projectId).subscribe({
      next: (list) => {
        this.choices.set(exportableCompilations(list.items));
        this.loaded.set(true);
      },
      error: (err: unknown) => this.loadError.set(apiErrorMessage(err)),
    });
  }
}
