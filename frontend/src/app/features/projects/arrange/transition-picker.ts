import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MediaDto } from '@clippyfront/shared';
import { MediaService } from '../../../core/media.service';
import { MediaThumb } from './media-thumb';

export interface TransitionChoice {
  /** In the order they are cycled between clips. */
  ids: string[];
  randomize: boolean;
}

/**
 * Chooses the transitions played between clips: any of the user's transition media (checked in
 * the order they are cycled), Select all / Clear all, and whether they are drawn at random.
 */
@Component({
  selector: 'cf-transition-picker',
  imports: [MediaThumb, RouterLink],
  templateUrl: './transition-picker.html',
  host: { class: 'transition-picker', 'data-testid': 'transition-picker' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransitionPicker {
  private readonly mediaService = inject(MediaService);

  readonly options = input.required<readonly MediaDto[]>();
  readonly selected = input<readonly string[]>([]);
  readonly randomize = input(false);
  readonly disabled = input(false);

  readonly changed = output<TransitionChoice>();

  readonly chosen = computed(() => new Set(this.selected()));
  /** 1-based place in the cycle of each chosen transition. */
  readonly order = computed(() => new Map(this.selected().map((id, i) => [id, i + 1])));
  readonly allChosen = computed(
    () => this.options().length > 0 && this.options().every((m) => this.chosen().has(m.id)),
  );

  thumbnailUrl(media: MediaDto): string {
    return this.mediaService.thumbnailUrl(media.id);
  }

  /** Checked: added at the end of the cycle; unchecked: taken out of it. */
  toggle(id: string, on: boolean): void {
    const ids = this.selected().filter((chosen) => chosen !== id);
    this.emit(on ? [...ids, id] : ids, this.randomize());
  }

  /** Keeps the order of those already chosen, then the rest in the list's order. */
  selectAll(): void {
    const rest = this.options().filter((m) => !this.chosen().has(m.id));
    this.emit([...this.selected(), ...rest.map((m) => m.id)], this.randomize());
  }

  clearAll(): void {
    this.emit([], this.randomize());
  }

  setRandomize(on: boolean): void {
    this.emit([...this.selected()], on);
  }

  private emit(ids: string[], randomize: boolean): void {
    this.changed.emit({ ids, randomize });
  }
}
