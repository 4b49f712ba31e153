import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The API's messages about a submitted form (one per invalid field), shown under the form. */
@Component({
  selector: 'cf-form-errors',
  template: `
    @if (messages().length === 1) {
      <span>{{ messages()[0] }}</span>
    } @else {
      <ul class="form-errors__list">
        @for (message of messages(); track $index) {
          <li>{{ message }}</li>
        }
      </ul>
    }
  `,
  host: { class: 'alert alert--error form-errors', role: 'alert' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormErrors {
  readonly messages = input.required<readonly string[]>();
}
