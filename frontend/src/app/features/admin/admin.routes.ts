import { Routes } from '@angular/router';
import { AdminLayout } from './admin-layout';

/** Mounted under `/admin` behind `adminGuard`. */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminLayout,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      {
        path: 'users',
        title: 'Users · Admin · ClippyFront',
        loadComponent: () => import('./admin-users-page').then((m) => m.AdminUsersPage),
      },
      {
        path: 'users/new',
        title: 'New user · Admin · ClippyFront',
        loadComponent: () => import('./admin-user-create-page').then((m) => m.AdminUserCreatePage),
      },
      {
        path: 'users/:id',
        title: 'Edit user · Admin · ClippyFront',
        loadComponent: () => import('./admin-user-edit-page').then((m) => m.AdminUserEditPage),
      },
      {
        path: 'tiers',
        title: 'Tiers · Admin · ClippyFront',
        loadComponent: () => import('./admin-tiers-page').then((m) => m.AdminTiersPage),
      },
      {
        path: 'tiers/new',
        title: 'New tier · Admin · ClippyFront',
        loadComponent: () => import('./admin-tier-edit-page').then((m) => m.AdminTierEditPage),
      },
      {
        path: 'tiers/:id',
        title: 'Edit tier · Admin · ClippyFront',
        loadComponent: () => import('./admin-tier-edit-page').then((m) => m.AdminTierEditPage),
      },
      {
        path: 'system',
        title: 'System · Admin · ClippyFront',
        loadComponent: () => import('./admin-system-page').then((m) => m.AdminSystemPage),
      },
      {
        path: 'jobs',
        title: 'Jobs · Admin · ClippyFront',
        loadComponent: () => import('./admin-jobs-page').then((m) => m.AdminJobsPage),
      },
      {
        path: 'projects',
        title: 'Projects · Admin · ClippyFront',
        loadComponent: () => import('./admin-projects-page').then((m) => m.AdminProjectsPage),
      },
      {
        path: 'projects/:id',
        title: 'Project · Admin · ClippyFront',
        loadComponent: () =>
          import('./admin-project-view-page').then((m) => m.AdminProjectViewPage),
      },
      {
        path: 'workers',
        title: 'Workers · Admin · ClippyFront',
        loadComponent: () => import('./admin-workers-page').then((m) => m.AdminWorkersPage),
      },
      {
        path: 'themes',
        title: 'Themes · Admin · ClippyFront',
        loadComponent: () => import('./admin-themes-page').then((m) => m.AdminThemesPage),
      },
      {
        path: 'themes/new',
        title: 'New theme · Admin · ClippyFront',
        loadComponent: () => import('./admin-theme-edit-page').then((m) => m.AdminThemeEditPage),
      },
      {
        path: 'themes/:id',
        title: 'Edit theme · Admin · ClippyFront',
        loadComponent: () => import('./admin-theme-edit-page').then((m) => m.AdminThemeEditPage),
      },
      {
        path: 'ingest',
        title: 'Ingest · Admin · ClippyFront',
        loadComponent: () => import('./admin-ingest-page').then((m) => m.AdminIngestPage),
      },
    ],
  },
];
