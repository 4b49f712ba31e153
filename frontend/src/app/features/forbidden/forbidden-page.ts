import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cf-forbidden-page',
  imports: [RouterLink],
  template: `
    <section class="empty-state empty-state--page" data-testid="forbidden">
      <p class="empty-state__code">403</p>
      <h1>403 — admins only</h1>
      <p class="muted">This part of ClippyFront is for administrators.</p>
      <div class="actions">
        <a class="btn btn--primary" routerLink="/jobs">Go to jobs</a>
        <a class="btn" routerLink="/profile">Your profile</a>
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForbiddenPage {}
