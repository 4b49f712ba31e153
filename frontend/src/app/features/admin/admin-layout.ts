import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The admin area: its sections as tabs above the page. */
@Component({
  selector: 'cf-admin-layout',
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <nav class="tabs" aria-label="Admin sections" data-testid="admin-nav">
      <a
        class="tabs__tab"
        routerLink="/admin/users"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-users"
        >Users</a
      >
      <a
        class="tabs__tab"
        routerLink="/admin/tiers"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-tiers"
        >Tiers</a
      >
      <a
        class="tabs__tab"
        routerLink="/admin/system"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-system"
        >System</a
      >
      <a
        class="tabs__tab"
        routerLink="/admin/jobs"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-jobs"
        >Jobs</a
      >
      <a
        class="tabs__tab"
        routerLink="/admin/workers"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-workers"
        >Workers</a
      >
      <a
        class="tabs__tab"
        routerLink="/admin/projects"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-projects"
        >Projects</a
      >
      <a
        class="tabs__tab"
        routerLink="/admin/themes"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-themes"
        >Themes</a
      >
      <a
        class="tabs__tab"
        routerLink="/admin/ingest"
        routerLinkActive="tabs__tab--active"
        ariaCurrentWhenActive="page"
        data-testid="admin-nav-ingest"
        >Ingest</a
      >
    </nav>
    <router-outlet />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLayout {}
