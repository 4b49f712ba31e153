import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { DEFAULT_AFTER_LOGIN } from '../features/auth/auth-messages';
import { AuthService } from './auth.service';

function loginRedirect(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/login'], { queryParams: { returnUrl } });
}

/** Logged-in users only; everyone else goes to `/login?returnUrl=…`. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.whenLoaded();
  return user ? true : loginRedirect(router, state.url);
};

/** Admins only; anonymous users log in first, other users see `/forbidden`. */
export const adminGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.whenLoaded();
  if (!user) return loginRedirect(router, state.url);
  return user.role === 'admin' ? true : router.createUrlTree(['/forbidden']);
};

/** Login and registration: already logged-in users go to their projects. */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.whenLoaded();
  return user ? router.createUrlTree([DEFAULT_AFTER_LOGIN]) : true;
};
