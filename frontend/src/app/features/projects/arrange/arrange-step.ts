import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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
import type {
  ArrangementDto,
  ClipDto,
  MediaDto,
  MediaType,
  TimelineClipDto,
  TimelineDto,
} from '@clippyfront/shared';
import { forkJoin, map, type Observable, type Subscription } from 'rxjs';
import { apiErrorMessage } from '../../../core/api-error';
import { ClipsService } from '../../../core/clips.service';
import { MediaService } from '../../../core/media.service';
import { formatClock } from '../../media/media-format';
import { clipTitle } from '../project-format';
import { estimateExtras, estimateRunningTime, readyOffTimeline } from './arrange-format';
import { ArrangementService, refusedFromError } from './arrangement.service';
import { LatestSaver } from './latest-saver';
import { MediaPicker } from './media-picker';
import { TimelineList } from './timeline-list';
import { TransitionPicker, type TransitionChoice } from './transition-picker';

/** Media of a type offered in the pickers (the largest page the API gives). */
export const PICKER_LIMIT = 200;

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

interface Loaded {
  arrangement: ArrangementDto;
  intros: MediaDto[];
  outros: MediaDto[];
  transitions: MediaDto[];
  timeline: TimelineDto;
  clips: ClipDto[];
}

/**
 * The wizard's Arrange step: intro, outro and transitions from the user's library, and the
 * timeline of ready clips in compile order. Every change is saved at once (newest wins).
 */
@Component({
  selector: 'cf-arrange-step',
  imports: [MediaPicker, TimelineList, TransitionPicker],
  templateUrl: './arrange-step.html',
  host: { class: 'arrange-step', 'data-testid': 'arrange-step' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArrangeStep {
  private readonly arrangementService = inject(ArrangementService);
  private readonly mediaService = inject(MediaService);
  private readonly clipsService = inject(ClipsService);

  readonly projectId = input.required<string>();
  /** The project's longest clip: the timeline is read again when it changes. */
  readonly maxClipSeconds = input<number | null>(null);

  readonly loaded = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly arrangement = signal<ArrangementDto>({
    introId: null,
    outroId: null,
    transitionIds: [],
    randomizeTransitions: false,
  });
  readonly intros = signal<readonly MediaDto[]>([]);
  readonly outros = signal<readonly MediaDto[]>([]);
  readonly transitions = signal<readonly MediaDto[]>([]);
  readonly timeline = signal<readonly TimelineClipDto[]>([]);
  readonly clips = signal<readonly ClipDto[]>([]);

  readonly arrangementState = signal<SaveState>('idle');
  readonly arrangementError = signal<string | null>(null);
  readonly timelineState = signal<SaveState>('idle');
  readonly timelineError = signal<string | null>(null);
  readonly addingAll = signal(false);

  readonly introMedia = computed(() => this.find(this.intros(), this.arrangement().introId));
  readonly outroMedia = computed(() => this.find(this.outros(), this.arrangement().outroId));
  readonly available = computed(() =>
    readyOffTimeline(
      this.clips(),
      this.timeline().map((item) => item.id),
    ),
  );
  readonly clipsSeconds = computed(() =>
    this.timeline().reduce((sum, item) => sum + (item.playSeconds ?? 0), 0),
  );
  readonly total = computed(() => formatClock(this.clipsSeconds()) ?? '0:00');
  /**
   * The compiled length (intro, outro, transitions and the bumpers between segments), as the
   * API estimates it for the render-time quota; null while it is just the clips.
   */
  readonly estimate = computed(() => {
    const transitions = this.arrangement().transitionIds.flatMap(
      (id) => this.find(this.transitions(), id) ?? [],
    );
    const intro = this.introMedia();
    const outro = this.outroMedia();
    const clips = this.timeline();
    if (!intro && !outro && clips.length < 2) return null;
    const seconds = estimateRunningTime({
      clipSeconds: clips.map((item) => item.playSeconds),
      intro,
      outro,
      transitions,
      randomize: this.arrangement().randomizeTransitions,
    });
    const extras = estimateExtras({
      intro: !!intro,
      outro: !!outro,
      transitions: transitions.length > 0 && clips.length > 1,
    });
    return `about ${formatClock(seconds) ?? '0:00'} with ${extras}`;
  });

  protected readonly clipTitle = clipTitle;
  protected readonly formatClock = formatClock;

  private readonly arrangementSaver = new LatestSaver<ArrangementDto, ArrangementDto>(
    (value) => this.arrangementService.saveArrangement(this.projectId(), value),
    {
      saved: (saved) => {
        this.arrangement.set(saved);
        this.arrangementState.set('saved');
      },
      failed: (error) => {
        this.arrangementState.set('error');
        this.arrangementError.set(`Could not save: ${apiErrorMessage(error)}`);
        this.reloadArrangement();
      },
    },
  );
  private readonly timelineSaver = new LatestSaver<string[], TimelineDto>(
    (ids) => this.arrangementService.saveTimeline(this.projectId(), ids),
    {
      saved: (saved) => {
        this.timeline.set(saved.items);
        this.timelineState.set('saved');
      },
      failed: (error) => {
        this.timelineState.set('error');
        const refused = refusedFromError(error);
        this.timelineError.set(
          refused
            ? `The order was not saved: ${refused.map((r) => this.describeRefusal(r)).join('; ')}`
            : `The order was not saved: ${apiErrorMessage(error)}`,
        );
        this.reloadTimeline();
      },
    },
  );
  private loadRequest?: Subscription;
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    effect(() => {
      const id = this.projectId();
      this.maxClipSeconds();
      untracked(() => this.load(id));
    });
    this.destroyRef.onDestroy(() => {
      this.loadRequest?.unsubscribe();
      this.arrangementSaver.cancel();
      this.timelineSaver.cancel();
    });
  }

  reload(): void {
    this.load(this.projectId());
  }

  setIntro(introId: string | null): void {
    this.saveArrangement({ ...this.arrangement(), introId });
  }

  setOutro(outroId: string | null): void {
    this.saveArrangement({ ...this.arrangement(), outroId });
  }

  setTransitions(choice: TransitionChoice): void {
    this.saveArrangement({
      ...this.arrangement(),
      transitionIds: choice.ids,
      randomizeTransitions: choice.randomize,
    });
  }

  /** Shows the new order at once and saves it. */
  setOrder(ids: readonly string[]): void {
    const known = new Map<string, TimelineClipDto>(
      this.clips().map((clip) => [clip.id, this.asTimelineClip(clip)]),
    );
    for (const item of this.timeline()) known.set(item.id, item);
    this.timeline.set(ids.flatMap((id) => known.get(id) ?? []));
    this.timelineError.set(null);
    this.timelineState.set('saving');
    this.timelineSaver.save([...ids]);
  }

  removeFromTimeline(clipId: string): void {
    this.setOrder(this.timeline().flatMap((item) => (item.id === clipId ? [] : [item.id])));
  }

  addToTimeline(clip: ClipDto): void {
    this.setOrder([...this.timeline().map((item) => item.id), clip.id]);
  }

  /** Reads the clips again, then appends every ready clip not yet on the timeline. */
  addAllReady(): void {
    if (this.addingAll()) return;
    this.addingAll.set(true);
    this.clipsService
      .list(this.projectId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ items }) => {
          this.addingAll.set(false);
          this.clips.set(items);
          const ids = readyOffTimeline(
            items,
            this.timeline().map((item) => item.id),
          ).map((clip) => clip.id);
          if (ids.length) this.setOrder([...this.timeline().map((item) => item.id), ...ids]);
        },
        error: (error) => {
          this.addingAll.set(false);
          this.timelineError.set(`Could not read the clips: ${apiErrorMessage(error)}`);
        },
      });
  }

  refreshClips(): void {
    this.clipsService
      .list(this.projectId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ items }) => this.clips.set(items),
        error: (error) =>
          this.timelineError.set(`Could not read the clips: ${apiErrorMessage(error)}`),
      });
  }

  private saveArrangement(next: ArrangementDto): void {
    this.arrangement.set(next);
    this.arrangementError.set(null);
    this.arrangementState.set('saving');
    this.arrangementSaver.save(next);
  }

  private asTimelineClip(clip: ClipDto): TimelineClipDto {
    const max = this.maxClipSeconds();
    const duration = clip.durationSeconds;
    return {
      ...clip,
      playSeconds: duration == null ? null : max ? Math.min(duration, max) : duration,
    };
  }

  private describeRefusal(refused: { clipId: string; message: string }): string {
    const clip = this.clips().find((c) => c.id === refused.clipId);
    return `${clip ? `“${clipTitle(clip)}”` : refused.clipId}: ${refused.message}`;
  }

  private find(list: readonly MediaDto[], id: string | null): MediaDto | null {
    return id ? (list.find((media) => media.id === id) ?? null) : null;
  }

  private mediaOfType(type: MediaType): Observable<MediaDto[]> {
    return this.mediaService
      .list({ type, sort: 'name', limit: PICKER_LIMIT })
      .pipe(map((list) => list.items));
  }

  private load(projectId: string): void {
    this.loadRequest?.unsubscribe();
    this.loadError.set(null);
    this.loadRequest = forkJoin({
      arrangement: this.arrangementService.arrangement(projectId),
      intros: this.mediaOfType('intro'),
      outros: this.mediaOfType('outro'),
      transitions: this.mediaOfType('transition'),
      timeline: this.arrangementService.timeline(projectId),
      clips: this.clipsService.list(projectId).pipe(map((list) => list.items)),
    }).subscribe({
      next: (data: Loaded) => {
        this.arrangement.set(data.arrangement);
        this.intros.set(data.intros);
        this.outros.set(data.outros);
        this.transitions.set(data.transitions);
        this.timeline.set(data.timeline.items);
        this.clips.set(data.clips);
        this.loaded.set(true);
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  private reloadArrangement(): void {
    this.arrangementService
      .arrangement(this.projectId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        // A change made meanwhile is newer than this answer.
        next: (arrangement) => {
          if (!this.arrangementSaver.saving()) this.arrangement.set(arrangement);
        },
      });
  }

  private reloadTimeline(): void {
    this.arrangementService
      .timeline(this.projectId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (timeline) => {
          if (!this.timelineSaver.saving()) this.timeline.set(timeline.items);
        },
      });
    this.refreshClips();
  }
}
