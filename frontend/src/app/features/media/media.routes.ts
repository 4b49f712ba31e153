import { Routes } from '@angular/router';

export const MEDIA_ROUTES: Routes = [
  {
    path: '',
    title: 'Media · ClippyFront',
    loadComponent: () => import('./media-library-page').then((m) => m.MediaLibraryPage),
  },
];
