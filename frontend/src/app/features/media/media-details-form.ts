import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  MEDIA_RULES,
  type MediaDto,
  type MediaType,
  type UpdateMediaRequest,
} from '@clippyfront/shared';
import { apiErrorMessages } from '../../core/api-error';
import { typesCompatibleWith } from '../../core/media-kinds';
import { MediaService } from '../../core/media.service';
import { FormErrors } from '../../shared/form-errors';
import { MEDIA_TYPE_LABELS } from './media-format';
import { TagEditor } from './tag-editor';

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

/** Rename, retype and retag one media item. */
@Component({
  selector: 'cf-media-details-form',
  imports: [FormErrors, TagEditor],
  templateUrl: './media-details-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaDetailsForm {
  private readonly mediaService = inject(MediaService);

  readonly media = input.required<MediaDto>();
  readonly saved = output<MediaDto>();

  // Reset only for another media: the list refreshes (new objects) while the user edits.
  readonly name = linkedSignal({
    source: () => this.media().id,
    computation: () => untracked(() => this.media().name),
  });
  readonly type = linkedSignal<string, MediaType>({
    source: () => this.media().id,
    computation: () => untracked(() => this.media().type),
  });
  readonly tags = linkedSignal<string, readonly string[]>({
    source: () => this.media().id,
    computation: () => untracked(() => this.media().tags),
  });

  readonly saving = signal(false);
  readonly errors = signal<readonly string[]>([]);
  readonly savedAt = signal<number | null>(null);

  readonly nameMaxLength = MEDIA_RULES.nameMaxLength;
  readonly typeOptions = computed(() =>
    typesCompatibleWith(this.media().type).map((value) => ({
      value,
      label: MEDIA_TYPE_LABELS[value],
    })),
  );
  readonly nameError = computed(() => {
    const name = this.name().trim();
    if (!name) return 'The name is required.';
    if (name.length > MEDIA_RULES.nameMaxLength) {
      return `The name must be at most ${MEDIA_RULES.nameMaxLength} characters.`;
    }
    return null;
  });
  readonly changes = computed<UpdateMediaRequest>(() => {
    const media = this.media();
    const changes: UpdateMediaRequest = {};
    if (this.name().trim() !== media.name) changes.name = this.name().trim();
    if (this.type() !== media.type) changes.type = this.type();
    if (!sameTags(this.tags(), media.tags)) changes.tags = [...this.tags()];
    return changes;
  });
  readonly dirty = computed(() => Object.keys(this.changes()).length > 0);

  private readonly tagEditor = viewChild.required(TagEditor);

  chooseType(value: string): void {
    const type = this.typeOptions().find((t) => t.value === value)?.value;
    if (type) this.type.set(type);
  }

  onNameInput(value: string): void {
    this.name.set(value);
    this.savedAt.set(null);
  }

  save(event?: Event): void {
    event?.preventDefault();
    if (this.saving() || !this.tagEditor().commit() || this.nameError() || !this.dirty()) return;
    this.saving.set(true);
    this.errors.set([]);
    this.mediaService.update(this.media().id, this.changes()).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.savedAt.set(Date.now());
        this.saved.emit(updated);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }
}
