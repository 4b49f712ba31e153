import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cf-not-found-page',
  imports: [RouterLink],
  template: `
    <section class="empty-state empty-state--page">
      <p class="empty-state__code">404</p>
      <h1>Page not found</h1>
      <p class="muted">There is nothing at this address.</p>
      <div class="actions">
        <a class="btn btn--primary" routerLink="/status">Go to status</a>
        <a class="btn" routerLink="/jobs">See jobs</a>
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
