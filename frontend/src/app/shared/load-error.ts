import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** The alert shown when something could not be loaded, with a button to try again. */
@Component({
  selector: 'cf-load-error',
  template: `
    <strong class="alert__title">{{ heading() }}</strong>
    <span>{{ message() }}</span>
    <button type="button" class="btn btn--small" (click)="retry.emit()">Try again</button>
  `,
  host: { class: 'alert alert--error', role: 'alert' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  /** What could not be loaded, e.g. "Could not load users". */
  readonly heading = input.required<string>();
  /** Why (the API's message). */
  readonly message = input.required<string>();

  readonly retry = output<void>();
}
