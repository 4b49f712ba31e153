import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { of, switchMap } from 'rxjs';
import { AuthService } from '../core/auth.service';

interface NavItem {
  path: string;
  label: string;
  testId: string | null;
}

@Component({
  selector: 'cf-shell',
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  templateUrl: './shell.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly user = this.auth.user;
  protected readonly loggingOut = signal(false);
  /** Asked only while logged out: Register is offered unless the instance says it is closed. */
  protected readonly registrationOpen = toSignal(
    toObservable(this.auth.isLoggedIn).pipe(
      switchMap((loggedIn) => (loggedIn ? of(null) : this.auth.registrationOpen())),
    ),
    { initialValue: null },
  );

  /** Main navigation; the Admin entry only exists for admins (it is not just hidden). */
  protected readonly nav = computed<readonly NavItem[]>(() => {
    const items: NavItem[] = [{ path: '/status', label: 'Status', testId: null }];
    if (this.auth.isLoggedIn()) {
      items.push({ path: '/projects', label: 'Projects', testId: 'nav-projects' });
      items.push({ path: '/media', label: 'Media', testId: 'nav-media' });
      items.push({ path: '/automation', label: 'Automation', testId: 'nav-automation' });
      items.push({ path: '/jobs', label: 'Jobs', testId: 'nav-jobs' });
    }
    if (this.auth.isAdmin()) {
      items.push({ path: '/admin/users', label: 'Admin', testId: 'nav-admin' });
    }
    return items;
  });

  logout(): void {
    if (this.loggingOut()) return;
    this.loggingOut.set(true);
    this.auth.logout().subscribe(() => {
      this.loggingOut.set(false);
      void this.router.navigateByUrl('/login');
    });
  }
}
