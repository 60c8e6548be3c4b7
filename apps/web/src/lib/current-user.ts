import type { Me, Role } from '@workdiary/shared';
import { createContext, use } from 'react';
import { translate } from './i18n/i18n';

/**
 * The signed-in user, provided by the auth guard around every protected route, so any feature
 * can read it without importing the auth feature.
 */
export const CurrentUserContext = createContext<Me | null>(null);

/** The query key of GET /api/me (features/auth/api/get-me): here, in the first load, so the sign-in page seeds it without a chunk of its own. */
export const meQueryKey = ['me'] as const;

export function useCurrentUser(): Me {
  const me = use(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser() is only available inside the signed-in app.');
  return me;
}

export const MANAGER_ROLES = ['ADMIN', 'MANAGER'] as const satisfies readonly Role[];
export const ADMIN_ROLES = ['ADMIN'] as const satisfies readonly Role[];

export function hasRole(user: Pick<Me, 'role'>, roles: readonly Role[]): boolean {
  return roles.includes(user.role);
}

export function roleLabel(role: Role): string {
  switch (role) {
    case 'ADMIN': return translate('Admin');
    case 'MANAGER': return translate('Manager');
    case 'MEMBER': return translate('Member');
  }
}
