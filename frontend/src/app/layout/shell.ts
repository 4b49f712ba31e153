import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map, of, switchMap } from 'rxjs';
import { AuthService } from '../core/auth.service';

/** Pages shown without the app's chrome: share pages. */
export function isBarePage(url: string): boolean {
  return /^\/p\/[^/]/.test(url);
}

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
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  /** Share pages (`/p/…`) show no header, navigation or footer: nothing of the visitor's account. */
  protected readonly bare = computed(() => isBarePage(this.url()));
  protected readonly loggingOut = signal(false);
  /** Asked only while logged out: Register is offered unless the instance says it is closed. */
  protected readonly registrationOpen = toSignal(
    toObservable(computed(() => !this.auth.isLoggedIn() && !this.bare())).pipe(
      switchMap((ask) => (ask ? this.auth.registrationOpen() : of(null))),
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
