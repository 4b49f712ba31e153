/** Where the login page sends people afterwards when there is no (acceptable) returnUrl. */
export const DEFAULT_AFTER_LOGIN = '/projects';

/**
 * Notices the login page shows for `?reason=…`. Only these fixed texts can appear, so a crafted
 * link cannot put arbitrary words on the login page.
 */
export const LOGIN_REASONS = {
  registered: 'Account created. Log in with your new username and password.',
  'password-changed': 'Password changed; log in again',
  'logged-out': 'You are logged out.',
} as const;
export type LoginReason = keyof typeof LOGIN_REASONS;

export function loginReasonMessage(reason: string | null | undefined): string | null {
  return reason && Object.hasOwn(LOGIN_REASONS, reason)
    ? LOGIN_REASONS[reason as LoginReason]
    : null;
}

/**
 * Only paths inside this app are followed after logging in (no `//host`, no scheme), and never
 * back to the login or register pages.
 */
export function safeReturnUrl(url: string | null | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (/^\/(login|register)(?:[/?#]|$)/.test(url)) return DEFAULT_AFTER_LOGIN;
  return url;
}
