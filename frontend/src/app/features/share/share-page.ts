import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Meta, Title } from '@angular/platform-browser';
import type { PublicProjectDto } from '@clippyfront/shared';
import type { Subscription } from 'rxjs';
import { apiErrorMessage, isNotFound } from '../../core/api-error';
import { SharingService } from '../../core/sharing.service';
import { formatClock } from '../media/media-format';
import { VideoPlayer } from '../media/video-player';
import { chapterTime } from '../projects/compile/compile-format';

/**
 * A project's share page `/p/:publicId`: the video, its title, chapters and a download — for
 * anyone with the link, logged in or not, without the app's navigation. Not indexed.
 */
@Component({
  selector: 'cf-share-page',
  imports: [VideoPlayer],
  templateUrl: './share-page.html',
  host: { class: 'share-page', 'data-testid': 'share-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharePage {
  private readonly title = inject(Title);
  private readonly meta = inject(Meta);
  private readonly sharing = inject(SharingService);

  /** `:publicId` route parameter (bound by the router). */
  readonly publicId = input.required<string>();

  readonly project = signal<PublicProjectDto | null>(null);
  readonly notFound = signal(false);
  readonly error = signal<string | null>(null);

  readonly chapters = computed(() =>
    (this.project()?.chapters ?? []).map((chapter) => ({
      time: chapterTime(chapter.startSeconds),
      title: chapter.title,
    })),
  );
  readonly duration = computed(() => formatClock(this.project()?.video?.durationSeconds) ?? null);

  private request?: Subscription;

  constructor() {
    this.meta.updateTag({ name: 'robots', content: 'noindex' });
    effect(() => {
      const id = this.publicId();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.meta.removeTag('name="robots"');
    });
  }

  reload(): void {
    this.load(this.publicId());
  }

  private load(publicId: string): void {
    this.request?.unsubscribe();
    this.error.set(null);
    this.notFound.set(false);
    this.request = this.sharing.publicProject(publicId).subscribe({
      next: (project) => {
        this.project.set(project);
        this.title.setTitle(`${project.title} · ClippyFront`);
      },
      error: (err: unknown) => {
        this.project.set(null);
        if (isNotFound(err)) {
          this.notFound.set(true);
          this.title.setTitle('Not found · ClippyFront');
        } else this.error.set(apiErrorMessage(err));
      },
    });
  }
}
