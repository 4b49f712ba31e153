/** Accounts, sessions and tokens: the shapes the API, the SPA and the tests share. */
import type { ThemePreference } from './themes.js';

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const WATERMARK_OVERRIDES = ['default', 'always', 'never'] as const;
export type WatermarkOverride = (typeof WATERMARK_OVERRIDES)[number];

/** Limits also enforced by the API's validation. */
export const ACCOUNT_RULES = {
  usernamePattern: '^[A-Za-z0-9_.-]{3,32}$',
  passwordMinLength: 10,
  passwordMaxLength: 256,
  displayNameMaxLength: 64,
  emailMaxLength: 254,
} as const;

/** Cookie that carries the browser session (httpOnly). */
export const SESSION_COOKIE = 'clippy_session';
/** Angular's double-submit XSRF names. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

export interface UserDto {
  id: string;
  username: string;
  email: string;
  displayName: string | null;
  role: UserRole;
  isActive: boolean;
  twitchUsername: string | null;
  discordUserId: string | null;
  tierId: string | null;
  watermarkOverride: WatermarkOverride;
  /** The user's own theme: the site's active one, or the built-in light or dark palette. */
  themePreference: ThemePreference;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface RegisterRequest {
  username: string;
  email: string;
  password: string;
}

export interface LoginRequest {
  /** Username or email. */
  login: string;
  password: string;
}

export interface UpdateProfileRequest {
  email?: string;
  displayName?: string | null;
  twitchUsername?: string | null;
  discordUserId?: string | null;
  themePreference?: ThemePreference;
}

export interface ChangePasswordRequest {
  current: string;
  next: string;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  /** The first characters, to recognise a token without revealing it. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreateApiTokenRequest {
  name: string;
  /** Days until it expires; omitted = never. */
  expiresInDays?: number;
  /** Required when the request comes from a browser session (not from another token). */
  currentPassword?: string;
}

/** The only time the token itself is shown. */
export interface CreatedApiTokenDto extends ApiTokenDto {
  token: string;
}

export interface AdminUserListDto {
  items: UserDto[];
  total: number;
}

export interface AdminUpdateUserRequest {
  email?: string;
  displayName?: string | null;
  role?: UserRole;
  isActive?: boolean;
  tierId?: string | null;
  watermarkOverride?: WatermarkOverride;
  /** Sets a new password and ends the user's sessions. */
  password?: string;
}
