import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  API_PATHS,
  type ChangePasswordRequest,
  type LoginRequest,
  type RegisterRequest,
  type RegistrationStatusDto,
  type UpdateProfileRequest,
  type UserDto,
} from '@clippyfront/shared';
import { catchError, firstValueFrom, map, Observable, of, tap, timeout } from 'rxjs';
import { apiErrorMessage, hasStatus } from './api-error';

/** How long start-up waits for `/api/auth/me` before showing the app as logged out. */
export const AUTH_ME_TIMEOUT_MS = 10_000;

/**
 * Who is logged in. The session itself is an httpOnly cookie the SPA never sees; this service
 * only mirrors what `/api/auth/me` says, so the UI and the route guards can use it.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);

  private readonly current = signal<UserDto | null>(null);
  /** The logged-in user, or null. */
  readonly user = this.current.asReadonly();
  readonly isLoggedIn = computed(() => this.current() !== null);
  readonly isAdmin = computed(() => this.current()?.role === 'admin');
  /** Set when the last session check failed for another reason than "not logged in". */
  readonly loadError = signal<string | null>(null);

  /** True once the session state is known (a `/me` answer, a login or a logout). */
  private known = false;
  private pending: Promise<UserDto | null> | null = null;

  /**
   * Asks the API who is logged in. A 401 means nobody; any other failure (API down, timeout)
   * is remembered in `loadError` and resolves as logged out without rejecting, so it never
   * blocks start-up. The next `whenLoaded()` then asks again.
   */
  loadMe(): Promise<UserDto | null> {
    const request = firstValueFrom(
      this.http.get<UserDto>(API_PATHS.auth.me).pipe(timeout(AUTH_ME_TIMEOUT_MS)),
    ).then(
      (user) => {
        this.setUser(user);
        return user;
      },
      (error: unknown) => {
        if (hasStatus(error, 401)) {
          this.setUser(null);
        } else {
          this.current.set(null);
          this.loadError.set(apiErrorMessage(error));
        }
        return null;
      },
    );
    const tracked = request.finally(() => {
      if (this.pending === tracked) this.pending = null;
    });
    this.pending = tracked;
    return tracked;
  }

  /** The session state, asking the API first if it is not known yet (used by the guards). */
  whenLoaded(): Promise<UserDto | null> {
    if (this.known) return Promise.resolve(this.current());
    return this.pending ?? this.loadMe();
  }

  /** Records the logged-in user (or nobody); the session state is then known. */
  setUser(user: UserDto | null): void {
    this.known = true;
    this.loadError.set(null);
    this.current.set(user);
  }

  /** Forgets the user locally (the session has ended on the server). */
  clear(): void {
    this.setUser(null);
  }

  login(request: LoginRequest): Observable<UserDto> {
    return this.http
      .post<UserDto>(API_PATHS.auth.login, request)
      .pipe(tap((user) => this.setUser(user)));
  }

  /** Ends the session. The user is forgotten locally even if the API could not be reached. */
  logout(): Observable<void> {
    return this.http.post<unknown>(API_PATHS.auth.logout, {}).pipe(
      map(() => undefined),
      catchError(() => of(undefined)),
      tap(() => this.clear()),
    );
  }

  /** Creates an account. It does not log in. */
  register(request: RegisterRequest): Observable<UserDto> {
    return this.http.post<UserDto>(API_PATHS.auth.register, request);
  }

  /**
   * Whether self-registration is open (REGISTRATION_OPEN). When the answer cannot be read the
   * page stays usable: the API still refuses a closed registration with a clear 403.
   */
  registrationOpen(): Observable<boolean> {
    return this.http.get<RegistrationStatusDto>(API_PATHS.auth.registration).pipe(
      map((status) => status.open),
      catchError(() => of(true)),
    );
  }

  updateProfile(request: UpdateProfileRequest): Observable<UserDto> {
    return this.http
      .patch<UserDto>(API_PATHS.auth.me, request)
      .pipe(tap((user) => this.setUser(user)));
  }

  /** Changes the password. The API ends every session, this one included. */
  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<unknown>(API_PATHS.auth.password, request).pipe(
      map(() => undefined),
      tap(() => this.clear()),
    );
  }
}
