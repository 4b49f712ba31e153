import { Routes } from '@angular/router';

export const AUTOMATION_ROUTES: Routes = [
  {
    path: '',
    title: 'Automation · ClippyFront',
    loadComponent: () => import('./task-list-page').then((m) => m.TaskListPage),
  },
  {
    path: 'new',
    title: 'New task · ClippyFront',
    loadComponent: () => import('./task-page').then((m) => m.TaskPage),
  },
  {
    path: ':id',
    title: 'Task · ClippyFront',
    loadComponent: () => import('./task-page').then((m) => m.TaskPage),
  },
];
