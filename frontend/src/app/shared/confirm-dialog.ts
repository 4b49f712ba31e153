import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';

let nextId = 0;

/**
 * A modal confirmation for destructive actions. With `requireText` the user must type that
 * text (e.g. the username) before the confirm button works. Test ids derive from `testId`:
 * `<testId>-confirm`, `<testId>-cancel`, `<testId>-confirm-input`, `<testId>-dialog`.
 */
@Component({
  selector: 'cf-confirm-dialog',
  template: `
    <div class="dialog-backdrop" (click)="cancel()"></div>
    <div
      class="dialog"
      role="alertdialog"
      aria-modal="true"
      [attr.aria-labelledby]="titleId"
      [attr.aria-describedby]="bodyId"
      [attr.data-testid]="testId() + '-dialog'"
      (keydown.escape)="cancel()"
    >
      <h2 class="dialog__title" [id]="titleId">{{ title() }}</h2>
      <div class="dialog__body" [id]="bodyId"><ng-content /></div>
      @if (requireText(); as required) {
        <label class="field">
          <span class="field__label"
            >Type <strong class="dialog__required">{{ required }}</strong> to confirm</span
          >
          <input
            #confirmInput
            class="input"
            type="text"
            autocomplete="off"
            spellcheck="false"
            [attr.data-testid]="testId() + '-confirm-input'"
            [value]="typed()"
            (input)="typed.set(confirmInput.value)"
          />
        </label>
      }
      @if (error(); as message) {
        <div class="alert alert--error" role="alert" [attr.data-testid]="testId() + '-error'">
          {{ message }}
        </div>
      }
      <div class="dialog__actions">
        <button
          type="button"
          class="btn"
          [attr.data-testid]="testId() + '-cancel'"
          [disabled]="busy()"
          (click)="cancel()"
        >
          Cancel
        </button>
        <button
          type="button"
          class="btn btn--danger-solid"
          [attr.data-testid]="testId() + '-confirm'"
          [disabled]="!canConfirm()"
          (click)="confirm()"
        >
          {{ busy() ? busyLabel() : confirmLabel() }}
        </button>
      </div>
    </div>
  `,
  host: { class: 'dialog-host' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  readonly title = input.required<string>();
  readonly confirmLabel = input('Delete');
  readonly busyLabel = input('Deleting…');
  /** Text the user must type to enable the confirm button; null = no typing needed. */
  readonly requireText = input<string | null>(null);
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly testId = input('confirm');

  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  readonly typed = signal('');
  readonly canConfirm = computed(() => {
    const required = this.requireText();
    return !this.busy() && (required === null || this.typed() === required);
  });

  protected readonly titleId = `cf-dialog-title-${++nextId}`;
  protected readonly bodyId = `cf-dialog-body-${nextId}`;

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    // Give focus back to whatever opened the dialog once it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inject(DestroyRef).onDestroy(() => {
      if (opener?.isConnected) opener.focus();
    });
    afterNextRender(() => {
      const target =
        host.querySelector<HTMLElement>('.dialog input') ??
        host.querySelector<HTMLElement>('.dialog .btn');
      target?.focus();
    });
  }

  confirm(): void {
    if (this.canConfirm()) this.confirmed.emit();
  }

  cancel(): void {
    if (!this.busy()) this.cancelled.emit();
  }
}
