import { Routes } from '@angular/router';

/** Mounted under `/projects` behind `authGuard`. */
export const PROJECTS_ROUTES: Routes = [
  {
    path: '',
    title: 'Projects · ClippyFront',
    loadComponent: () => import('./projects-list-page').then((m) => m.ProjectsListPage),
  },
  {
    path: ':id',
    title: 'Project · ClippyFront',
    loadComponent: () => import('./project-page').then((m) => m.ProjectPage),
  },
];
