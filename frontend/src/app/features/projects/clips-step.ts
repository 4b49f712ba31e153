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
import { PROJECT_RULES, type ClipDto, type ClipSourceKind } from '@clippyfront/shared';
import { Subscription } from 'rxjs';
import { apiErrorMessage, apiErrorMessages, isNotFound } from '../../core/api-error';
import { ClipSourcesService } from '../../core/clip-sources.service';
import { ClipsService, isClipActive, type RejectedClipUrl } from '../../core/clips.service';
import { FormErrors } from '../../shared/form-errors';
import { LoadError } from '../../shared/load-error';
import { ClipRow, type ClipAction } from './clip-row';
import { FetchClipsPanel } from './fetch-clips-panel';
import { parseClipUrls } from './clip-urls';
import { clipTitle } from './project-format';

/** While a clip is queued or downloading, the list is re-read this often. */
export const CLIPS_POLL_MS = 2_000;
/** A ready clip without a thumbnail is waited for at most this long. */
export const CLIP_THUMBNAIL_WAIT_MS = 60_000;

export interface AddClipsSummary {
  accepted: number;
  rejected: RejectedClipUrl[];
  /** Repeats in the pasted text, sent once. */
  duplicates: number;
}

/**
 * The wizard's first step: paste clip URLs, see which were refused and why, and follow each
 * clip's download live (the list is polled while anything is still queued or downloading).
 */
@Component({
  selector: 'cf-clips-step',
  imports: [ClipRow, FetchClipsPanel, FormErrors, LoadError],
  templateUrl: './clips-step.html',
  host: { class: 'clips-step', 'data-testid': 'clips-step' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClipsStep {
  private readonly clipsService = inject(ClipsService);
  private readonly clipSources = inject(ClipSourcesService);

  readonly projectId = input.required<string>();
  /** The number of clips, whenever the list is read. */
  readonly countChange = output<number>();

  readonly draft = signal('');
  readonly parsed = computed(() => parseClipUrls(this.draft()));
  readonly adding = signal(false);
  readonly addSummary = signal<AddClipsSummary | null>(null);
  readonly addErrors = signal<readonly string[]>([]);
  /** The open Fetch from Twitch / Discord panel. */
  readonly fetchPanel = signal<ClipSourceKind | null>(null);

  readonly clips = signal<readonly ClipDto[]>([]);
  readonly loaded = signal(false);
  readonly listError = signal<string | null>(null);
  readonly actionError = signal<string | null>(null);
  readonly busy = signal<ReadonlyMap<string, ClipAction>>(new Map());
  /** When each ready clip without a thumbnail was first seen (ms). */
  private readonly thumbnailWaitSince = signal<ReadonlyMap<string, number>>(new Map());
  readonly now = signal(Date.now());

  readonly active = computed(() => this.clips().some(isClipActive));
  readonly counts = computed(() => {
    const counts = { queued: 0, downloading: 0, ready: 0, failed: 0 };
    for (const clip of this.clips()) counts[clip.state]++;
    return counts;
  });
  /** `3 URLs · 1 repeated entry left out` */
  readonly urlCount = computed(() => {
    const { urls, tooLong, duplicates } = this.parsed();
    const count = urls.length + tooLong.length;
    const parts = count === 0 ? [] : [`${count} ${count === 1 ? 'URL' : 'URLs'}`];
    if (duplicates > 0) {
      parts.push(`${duplicates} repeated ${duplicates === 1 ? 'entry' : 'entries'} left out`);
    }
    return parts.join(' · ');
  });
  /** `4 clips · 2 ready · 1 in progress · 1 failed` */
  readonly countsText = computed(() => {
    const total = this.clips().length;
    const { queued, downloading, ready, failed } = this.counts();
    const parts = [`${total} ${total === 1 ? 'clip' : 'clips'}`, `${ready} ready`];
    if (queued + downloading > 0) parts.push(`${queued + downloading} in progress`);
    if (failed > 0) parts.push(`${failed} failed`);
    return parts.join(' · ');
  });
  readonly canAdd = computed(
    () => !this.adding() && (this.parsed().urls.length > 0 || this.parsed().tooLong.length > 0),
  );

  protected readonly maxUrlsPerRequest = PROJECT_RULES.maxUrlsPerRequest;
  /** The sites the server takes links from, for the hint under the box. */
  readonly sourcesHint = computed(() =>
    this.clipSources.sources()?.external
      ? 'Twitch clips, Discord attachments and video links from other sites'
      : 'Twitch clips and Discord attachments',
  );

  private listRequest?: Subscription;
  private pollTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    this.clipSources.load();
    effect(() => {
      const id = this.projectId();
      untracked(() => {
        this.clips.set([]);
        this.loaded.set(false);
        this.addSummary.set(null);
        this.addErrors.set([]);
        this.actionError.set(null);
        this.load(id);
      });
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  thumbnailPending(clip: ClipDto): boolean {
    const since = this.thumbnailWaitSince().get(clip.id);
    return since !== undefined && this.now() - since < CLIP_THUMBNAIL_WAIT_MS;
  }

  busyFor(clip: ClipDto): ClipAction | null {
    return this.busy().get(clip.id) ?? null;
  }

  reload(): void {
    this.load(this.projectId());
  }

  add(event?: Event): void {
    event?.preventDefault();
    if (!this.canAdd()) return;
    const { urls, tooLong, duplicates } = this.parsed();
    this.submit(urls, tooLong, duplicates, true);
  }

  /** Clips picked in a Fetch panel: the same add call (dedup, reuse, URL policy) as pasted links. */
  addFound(urls: string[]): void {
    if (this.adding() || urls.length === 0) return;
    this.submit(urls, [], 0, false);
  }

  toggleFetchPanel(source: ClipSourceKind): void {
    this.fetchPanel.update((open) => (open === source ? null : source));
  }

  private submit(
    urls: readonly string[],
    tooLong: readonly RejectedClipUrl[],
    duplicates: number,
    fromDraft: boolean,
  ): void {
    this.addErrors.set([]);
    this.addSummary.set(null);
    if (urls.length === 0) {
      this.addSummary.set({ accepted: 0, rejected: [...tooLong], duplicates });
      return;
    }
    this.adding.set(true);
    const projectId = this.projectId();
    this.clipsService.addAll(projectId, urls).subscribe({
      next: (response) => {
        this.adding.set(false);
        this.addSummary.set({
          accepted: response.accepted.length,
          rejected: [...tooLong, ...response.rejected],
          duplicates,
        });
        if (response.accepted.length > 0) {
          if (fromDraft) this.draft.set('');
          const known = new Set(this.clips().map((c) => c.id));
          this.clips.update((clips) => [
            ...clips,
            ...response.accepted.filter((c) => !known.has(c.id)),
          ]);
          this.load(projectId);
        }
      },
      error: (err: unknown) => {
        this.adding.set(false);
        this.addErrors.set(apiErrorMessages(err));
        // Earlier batches of a long list may have been accepted.
        if (urls.length > PROJECT_RULES.maxUrlsPerRequest) this.load(projectId);
      },
    });
  }

  retry(clip: ClipDto): void {
    this.act(clip, 'retry');
  }

  remove(clip: ClipDto): void {
    this.act(clip, 'remove');
  }

  private act(clip: ClipDto, action: ClipAction): void {
    if (this.busy().has(clip.id)) return;
    const projectId = this.projectId();
    this.setBusy(clip.id, action);
    this.actionError.set(null);
    const call =
      action === 'retry'
        ? this.clipsService.retry(projectId, clip.id)
        : this.clipsService.remove(projectId, clip.id);
    call.subscribe({
      next: () => {
        this.setBusy(clip.id, null);
        if (action === 'remove') this.clips.update((list) => list.filter((c) => c.id !== clip.id));
        this.load(projectId);
      },
      error: (err: unknown) => {
        this.setBusy(clip.id, null);
        const verb = action === 'retry' ? 'retry' : 'remove';
        this.actionError.set(`Could not ${verb} “${clipTitle(clip)}”: ${apiErrorMessage(err)}`);
        if (isNotFound(err)) this.load(projectId);
      },
    });
  }

  private setBusy(id: string, action: ClipAction | null): void {
    this.busy.update((map) => {
      const next = new Map(map);
      if (action) next.set(id, action);
      else next.delete(id);
      return next;
    });
  }

  private load(projectId: string): void {
    this.stop();
    this.listRequest = this.clipsService.list(projectId).subscribe({
      next: (list) => {
        this.clips.set(list.items);
        this.loaded.set(true);
        this.listError.set(null);
        this.countChange.emit(list.items.length);
        this.afterLoad(list.items);
      },
      error: (err: unknown) => {
        this.listError.set(apiErrorMessage(err));
        // Keep following downloads through a passing error; a vanished project ends it.
        if (!isNotFound(err) && this.active()) this.schedule();
      },
    });
  }

  private afterLoad(clips: readonly ClipDto[]): void {
    const now = Date.now();
    const waits = new Map<string, number>();
    for (const clip of clips) {
      if (clip.state === 'ready' && !clip.hasThumbnail) {
        waits.set(clip.id, this.thumbnailWaitSince().get(clip.id) ?? now);
      }
    }
    this.thumbnailWaitSince.set(waits);
    this.now.set(now);
    const waiting = [...waits.values()].some((since) => now - since < CLIP_THUMBNAIL_WAIT_MS);
    if (clips.some(isClipActive) || waiting) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.reload();
    }, CLIPS_POLL_MS);
  }

  private stop(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.listRequest?.unsubscribe();
  }
}
