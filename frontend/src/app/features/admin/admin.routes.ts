import { Routes } from '@angular/router';

/** Mounted under `/admin` behind `adminGuard`. */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  {
    path: 'users',
    title: 'Users · Admin · ClippyFront',
    loadComponent: () => import('./admin-users-page').then((m) => m.AdminUsersPage),
  },
  {
    path: 'users/:id',
    title: 'Edit user · Admin · ClippyFront',
    loadComponent: () => import('./admin-user-edit-page').then((m) => m.AdminUserEditPage),
  },
];
