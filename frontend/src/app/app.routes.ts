import { Routes } from '@angular/router';
import { adminGuard, authGuard, guestGuard } from './core/guards';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'status' },
  {
    path: 'status',
    title: 'Status · ClippyFront',
    loadComponent: () => import('./features/status/status-page').then((m) => m.StatusPage),
  },
  {
    path: 'login',
    title: 'Log in · ClippyFront',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Register · ClippyFront',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/register-page').then((m) => m.RegisterPage),
  },
  {
    path: 'jobs',
    canActivate: [authGuard],
    loadChildren: () => import('./features/jobs/jobs.routes').then((m) => m.JOBS_ROUTES),
  },
  {
    path: 'projects',
    canActivate: [authGuard],
    loadChildren: () =>
      import('./features/projects/projects.routes').then((m) => m.PROJECTS_ROUTES),
  },
  {
    path: 'media',
    canActivate: [authGuard],
    loadChildren: () => import('./features/media/media.routes').then((m) => m.MEDIA_ROUTES),
  },
  {
    path: 'automation',
    canActivate: [authGuard],
    loadChildren: () =>
      import('./features/automation/automation.routes').then((m) => m.AUTOMATION_ROUTES),
  },
  {
    path: 'profile',
    title: 'Profile · ClippyFront',
    canActivate: [authGuard],
    loadComponent: () => import('./features/profile/profile-page').then((m) => m.ProfilePage),
  },
  {
    path: 'admin',
    canActivate: [adminGuard],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    // Share pages: no login, no app navigation (see Shell), not indexed.
    path: 'p/:publicId',
    title: 'ClippyFront',
    loadComponent: () => import('./features/share/share-page').then((m) => m.SharePage),
  },
  {
    path: 'forbidden',
    title: 'Admins only · ClippyFront',
    loadComponent: () => import('./features/forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: '**',
    title: 'Not found · ClippyFront',
    loadComponent: () => import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
