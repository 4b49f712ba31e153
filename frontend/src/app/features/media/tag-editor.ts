import { ChangeDetectionStrategy, Component, input, model, signal } from '@angular/core';
import { addTags, TAG_HINT } from './tag-rules';

let nextId = 0;

/**
 * Tags as removable chips plus a field to add more (Enter, comma, the Add button or leaving
 * the field). Test ids derive from `testId`: `<testId>-chip`, `-input`, `-add`, `-error`.
 */
@Component({
  selector: 'cf-tag-editor',
  templateUrl: './tag-editor.html',
  host: { class: 'tag-editor', '[attr.data-testid]': 'testId()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TagEditor {
  readonly tags = model<readonly string[]>([]);
  readonly label = input('Tags');
  readonly placeholder = input('Add a tag');
  readonly disabled = input(false);
  readonly testId = input('tags');

  readonly draft = signal('');
  readonly error = signal<string | null>(null);

  protected readonly hint = TAG_HINT;
  protected readonly inputId = `cf-tag-input-${++nextId}`;
  protected readonly hintId = `cf-tag-hint-${nextId}`;

  /** Adds what was typed; false (with an error shown) when it is not valid. */
  commit(): boolean {
    if (!this.draft().trim()) return true;
    const { tags, error } = addTags(this.tags(), this.draft());
    this.error.set(error);
    if (error) return false;
    this.tags.set(tags);
    this.draft.set('');
    return true;
  }

  remove(tag: string): void {
    this.tags.set(this.tags().filter((t) => t !== tag));
    this.error.set(null);
  }

  onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === ',') {
      // Enter would submit a surrounding form; the comma separates tags.
      event.preventDefault();
      this.commit();
    } else if (event.key === 'Backspace' && this.draft() === '' && this.tags().length > 0) {
      this.remove(this.tags()[this.tags().length - 1]);
    }
  }

  onInput(value: string): void {
    this.draft.set(value);
    if (this.error()) this.error.set(null);
  }
}
