import { NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * The one rule for user-owned rows: users see their own, admins see all. Repositories add the
 * scope to their WHERE; a row outside it is "not found", never "forbidden", so other users'
 * ids reveal nothing.
 */
export interface OwnerScope {
  ownerId?: string;
}

export const ownerScope = (user: AuthUser): OwnerScope =>
  user.role === 'admin' ? {} : { ownerId: user.id };

/** For worker and system calls that act on any row. */
export const ANY_OWNER: OwnerScope = {};

export function notFoundUnlessOwned<T extends { ownerId: string | null }>(
  row: T | null,
  scope: OwnerScope,
  what: string,
): T {
  if (!row || (scope.ownerId !== undefined && row.ownerId !== scope.ownerId)) {
    throw new NotFoundException(`${what} not found`);
  }
  return row;
}
