import { Routes } from '@angular/router';

export const JOBS_ROUTES: Routes = [
  {
    path: '',
    title: 'Jobs · ClippyFront',
    loadComponent: () => import('./job-list-page').then((m) => m.JobListPage),
  },
  {
    path: ':id',
    title: 'Job · ClippyFront',
    loadComponent: () => import('./job-detail-page').then((m) => m.JobDetailPage),
  },
];
