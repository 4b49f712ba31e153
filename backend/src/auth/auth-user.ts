import type { UserRole } from '@clippyfront/shared';

/** Who is calling, and how they proved it. */
export interface AuthUser {
  id: string;
  username: string;
  role: UserRole;
  via: 'session' | 'token';
  sessionId?: string;
}
