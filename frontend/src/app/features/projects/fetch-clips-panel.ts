import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type {
  ClipSourceKind,
  DiscordClipsPage,
  FoundClipDto,
  TwitchClipsPage,
} from '@clippyfront/shared';
import type { Observable, Subscription } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { FoundClipsService } from '../../core/found-clips.service';
import { relativeTime } from '../../shared/format';

const DAY_MS = 86_400_000;
export const TWITCH_PAGE_SIZE = 20;
export const DISCORD_PAGE_SIZE = 50;
export type TwitchPeriod = 'all' | '7' | '30';

/**
 * Fetch from Twitch / Discord: a form, the clips found (thumbnail, title, creator, views, date)
 * with checkboxes, Load more, and "Add selected", which hands the URLs to the Clips step so they
 * go through the same add call as pasted links.
 */
@Component({
  selector: 'cf-fetch-clips-panel',
  templateUrl: './fetch-clips-panel.html',
  host: { class: 'fetch-panel', '[attr.data-testid]': '"fetch-" + source()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FetchClipsPanel {
  private readonly found = inject(FoundClipsService);

  readonly source = input.required<ClipSourceKind>();
  /** The Clips step is adding clips (the button waits). */
  readonly adding = input(false);
  readonly addUrls = output<string[]>();

  readonly username = signal(inject(AuthService).user()?.twitchUsername ?? '');
  readonly period = signal<TwitchPeriod>('all');
  readonly sort = signal<'newest' | 'views'>('newest');
  readonly channelId = signal('');
  readonly topCount = signal(5);

  readonly clips = signal<readonly FoundClipDto[]>([]);
  readonly cursor = signal<string | null>(null);
  readonly fetched = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly heading = signal<string | null>(null);
  readonly selected = signal<ReadonlySet<string>>(new Set());

  readonly selectedCount = computed(() => this.selected().size);
  readonly canFetch = computed(() =>
    this.source() === 'twitch' ? true : /^\d{1,20}$/.test(this.channelId().trim()),
  );
  readonly allSelected = computed(
    () => this.clips().length > 0 && this.clips().every((c) => this.selected().has(c.url)),
  );

  /** The query that produced the list, for Load more. */
  private last: { username: string; startedAt?: string; sort: 'newest' | 'views' } | null = null;
  private lastChannel = '';
  private request?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  readonly ago = (iso: string) => relativeTime(iso);

  fetch(event?: Event): void {
    event?.preventDefault();
    if (!this.canFetch() || this.loading()) return;
    if (this.source() === 'twitch') {
      const days = this.period() === 'all' ? null : Number(this.period());
      this.fetchTwitch(
        {
          username: this.username().trim(),
          startedAt: days ? new Date(Date.now() - days * DAY_MS).toISOString() : undefined,
          sort: this.sort(),
        },
        TWITCH_PAGE_SIZE,
        false,
      );
    } else {
      this.lastChannel = this.channelId().trim();
      this.run(
        this.found.discord({ channelId: this.lastChannel, limit: DISCORD_PAGE_SIZE }),
        false,
        false,
      );
    }
  }

  /** The N most viewed clips of the last 7 days, all ticked. */
  selectTopWeek(): void {
    const count = Math.min(100, Math.max(1, Math.floor(this.topCount()) || 1));
    this.period.set('7');
    this.sort.set('views');
    this.fetchTwitch(
      {
        username: this.username().trim(),
        startedAt: new Date(Date.now() - 7 * DAY_MS).toISOString(),
        sort: 'views',
      },
      count,
      true,
    );
  }

  loadMore(): void {
    const cursor = this.cursor();
    if (!cursor || this.loading()) return;
    if (this.source() === 'twitch' && this.last) {
      this.run(
        this.found.twitch({
          ...this.withoutBlankUser(this.last),
          first: TWITCH_PAGE_SIZE,
          after: cursor,
        }),
        true,
        false,
      );
    } else if (this.source() === 'discord') {
      this.run(
        this.found.discord({
          channelId: this.lastChannel,
          limit: DISCORD_PAGE_SIZE,
          before: cursor,
        }),
        true,
        false,
      );
    }
  }

  isSelected(clip: FoundClipDto): boolean {
    return this.selected().has(clip.url);
  }

  toggle(clip: FoundClipDto): void {
    this.selected.update((set) => {
      const next = new Set(set);
      if (next.has(clip.url)) next.delete(clip.url);
      else next.add(clip.url);
      return next;
    });
  }

  toggleAll(): void {
    this.selected.set(this.allSelected() ? new Set() : new Set(this.clips().map((c) => c.url)));
  }

  addSelected(): void {
    const urls = this.clips()
      .map((clip) => clip.url)
      .filter((url) => this.selected().has(url));
    if (urls.length === 0 || this.adding()) return;
    this.addUrls.emit(urls);
    this.selected.set(new Set());
  }

  private fetchTwitch(
    query: { username: string; startedAt?: string; sort: 'newest' | 'views' },
    first: number,
    selectAll: boolean,
  ): void {
    this.last = query;
    this.run(this.found.twitch({ ...this.withoutBlankUser(query), first }), false, selectAll);
  }

  /** A blank username is left out: the server then uses the profile's. */
  private withoutBlankUser<T extends { username: string }>(query: T) {
    const { username, ...rest } = query;
    return username ? { ...rest, username } : rest;
  }

  private run(
    call: Observable<TwitchClipsPage | DiscordClipsPage>,
    append: boolean,
    selectAll: boolean,
  ): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.request = call.subscribe({
      next: (page) => {
        this.loading.set(false);
        this.fetched.set(true);
        const known = new Set(append ? this.clips().map((c) => c.url) : []);
        const fresh = page.clips.filter((clip) => !known.has(clip.url));
        this.clips.set(append ? [...this.clips(), ...fresh] : fresh);
        this.cursor.set('cursor' in page ? page.cursor : page.before);
        if ('broadcaster' in page) this.heading.set(page.broadcaster.displayName);
        if (!append) this.selected.set(selectAll ? new Set(fresh.map((c) => c.url)) : new Set());
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(apiErrorMessage(err));
      },
    });
  }
}
