import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { API_PATHS } from '@clippyfront/shared';
import { catchError, throwError } from 'rxjs';
import { AuthService } from './auth.service';

/**
 * API calls whose 401 is an answer, not an expired session: `/me` (nobody logged in),
 * `/login` (wrong credentials, disabled account) and `/logout` (already logged out; the
 * caller forgets the user and navigates to the login page anyway).
 */
export const AUTH_401_PASSTHROUGH: readonly string[] = [
  API_PATHS.auth.me,
  API_PATHS.auth.login,
  API_PATHS.auth.logout,
];

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return url;
  }
}

/**
 * When an API call answers 401 the session has ended (expired, logged out elsewhere, password
 * changed): forget the user and send them to the login page, which brings them back afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      const path = pathOf(req.url);
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        path.startsWith('/api/') &&
        !AUTH_401_PASSTHROUGH.includes(path)
      ) {
        auth.clear();
        const returnUrl = router.url;
        if (!returnUrl.startsWith('/login')) {
          void router.navigate(['/login'], { queryParams: { returnUrl } });
        }
      }
      return throwError(() => error);
    }),
  );
};
