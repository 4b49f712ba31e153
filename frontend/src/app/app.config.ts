import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { XSRF_COOKIE, XSRF_HEADER } from '@clippyfront/shared';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { AuthService } from './core/auth.service';
import { ThemeStylesheetService } from './core/theme-stylesheet.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(
      withFetch(),
      // Double-submit CSRF: the API sets the XSRF-TOKEN cookie; Angular copies it into the
      // X-XSRF-TOKEN header of every same-origin POST/PATCH/PUT/DELETE. The XSRF interceptor
      // sits in the interceptor chain, so it works with the fetch backend as with XHR.
      withXsrfConfiguration({ cookieName: XSRF_COOKIE, headerName: XSRF_HEADER }),
      withInterceptors([authInterceptor]),
    ),
    // Know who is logged in before the first navigation, so the guards decide correctly.
    // loadMe() never rejects: an unreachable API starts the app logged out.
    provideAppInitializer(() => inject(AuthService).loadMe()),
    // Keeps the theme <link> on the logged-in user's choice.
    provideAppInitializer(() => void inject(ThemeStylesheetService)),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
  ],
};
