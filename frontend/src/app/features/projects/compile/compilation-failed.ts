import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { CompilationDto } from '@clippyfront/shared';

/** A compilation that failed or was cancelled: what went wrong, and a Retry button. */
@Component({
  selector: 'cf-compilation-failed',
  template: `
    <div class="alert alert--error alert--compact" role="alert" data-testid="compile-failed">
      <strong class="alert__title">{{ title() }}</strong>
      @if (message(); as text) {
        <span class="pre-wrap" data-testid="compile-error">{{ text }}</span>
      }
    </div>
    <div class="compilation-progress__actions">
      <button
        type="button"
        class="btn btn--primary"
        data-testid="compile-retry"
        [disabled]="retrying()"
        (click)="retry.emit()"
      >
        {{ retrying() ? 'Retrying…' : 'Retry' }}
      </button>
      <span class="field__hint">Runs the same compile again.</span>
    </div>
  `,
  host: { class: 'compilation-failed' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompilationFailed {
  readonly compilation = input.required<CompilationDto>();
  readonly retrying = input(false);

  readonly retry = output<void>();

  readonly title = computed(() =>
    this.compilation().state === 'cancelled' ? 'The compile was cancelled' : 'The compile failed',
  );
  readonly message = computed(() => {
    const error = this.compilation().error?.trim();
    if (error) return error;
    return this.compilation().state === 'failed' ? 'No reason was given.' : null;
  });
}
