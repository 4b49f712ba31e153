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
import { DOCUMENT } from '@angular/common';
import type { ProjectSharingDto } from '@clippyfront/shared';
import type { Observable, Subscription } from 'rxjs';
import { apiErrorMessage } from '../../../core/api-error';
import { SharingService } from '../../../core/sharing.service';
import { copyText } from '../../../shared/clipboard';
import { ConfirmDialog } from '../../../shared/confirm-dialog';

/**
 * The project's share page: on/off, its link (copy, open), and a new link that kills the old
 * one. Off, the link answers "not found" to everyone but the owner.
 */
@Component({
  selector: 'cf-share-panel',
  imports: [ConfirmDialog],
  templateUrl: './share-panel.html',
  host: { class: 'share-panel', 'data-testid': 'share-panel' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharePanel {
  private readonly sharingService = inject(SharingService);
  private readonly origin = inject(DOCUMENT).location.origin;

  readonly projectId = input.required<string>();

  readonly sharing = signal<ProjectSharingDto | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly confirming = signal(false);
  readonly copyStatus = signal<string | null>(null);

  readonly link = computed(() => {
    const sharing = this.sharing();
    return sharing ? `${this.origin}${sharing.path}` : '';
  });

  private request?: Subscription;

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => this.run(this.sharingService.get(id)));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  toggle(enabled: boolean): void {
    this.copyStatus.set(null);
    this.run(this.sharingService.setEnabled(this.projectId(), enabled));
  }

  regenerate(): void {
    this.copyStatus.set(null);
    this.run(this.sharingService.regenerate(this.projectId()), () => this.confirming.set(false));
  }

  async copyLink(): Promise<void> {
    const copied = await copyText(this.link());
    this.copyStatus.set(copied ? 'Link copied' : 'Could not copy: select the link and copy it');
  }

  private run(call: Observable<ProjectSharingDto>, done?: () => void): void {
    this.request?.unsubscribe();
    this.busy.set(true);
    this.error.set(null);
    this.request = call.subscribe({
      next: (sharing) => {
        this.sharing.set(sharing);
        this.busy.set(false);
        done?.();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(apiErrorMessage(err));
      },
    });
  }
}
