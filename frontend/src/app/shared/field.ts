import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  Directive,
  inject,
  input,
} from '@angular/core';

/**
 * A labelled form field: the label, the projected control (marked `cfFieldInput`), then the
 * field's problem or, when there is none, its hint. The message's id is `<for>-hint` when the
 * field has a hint, else `<for>-error`; the error's test id is `<for>-error`.
 */
@Component({
  selector: 'cf-field',
  template: `
    <label class="field__label" [for]="controlId()">
      {{ label() }}
      @if (optional()) {
        <span class="field__optional">optional</span>
      }
    </label>
    <ng-content />
    @if (error(); as problem) {
      <span class="field__error" [id]="messageId()" [attr.data-testid]="errorTestId()">{{
        problem
      }}</span>
    } @else if (hint(); as text) {
      <span class="field__hint" [id]="messageId()">{{ text }}</span>
    }
  `,
  host: { class: 'field' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Field {
  /** The control's id, set on it by `cfFieldInput`. */
  readonly controlId = input.required<string>({ alias: 'for' });
  readonly label = input.required<string>();
  readonly optional = input(false, { transform: booleanAttribute });
  readonly hint = input<string | null>(null);
  /** The problem to show, e.g. from `fieldError()`; null when there is none. */
  readonly error = input<string | null>(null);

  protected readonly errorTestId = computed(() => `${this.controlId()}-error`);
  readonly messageId = computed(() => `${this.controlId()}-${this.hint() ? 'hint' : 'error'}`);
  /** The id of the message shown under the control, if any. */
  readonly describedBy = computed(() => (this.error() || this.hint() ? this.messageId() : null));
}

/** The control of a `cf-field`: gets the field's id and its accessibility attributes. */
@Directive({
  selector: '[cfFieldInput]',
  host: {
    '[id]': 'field.controlId()',
    '[attr.aria-invalid]': 'field.error() ? "true" : null',
    '[attr.aria-describedby]': 'field.describedBy()',
  },
})
export class FieldInput {
  protected readonly field = inject(Field);
}
