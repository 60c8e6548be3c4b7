import type { Role } from '@workdiary/shared';
import type { ReactNode } from 'react';
import { Outlet, useParams } from 'react-router';
import { hasRole, useCurrentUser } from '../lib/current-user';
import { Forbidden } from './forbidden';

export type RequireRoleProps = {
  roles: readonly Role[];
  /** Also let a user through when this route param is their own id (e.g. a member's own month). */
  selfParam?: string;
  /** What to guard; defaults to the child routes (<Outlet/>). */
  children?: ReactNode;
};

/** Shows the 403 page unless the signed-in user has one of `roles`. The API checks again. */
export function RequireRole({ roles, selfParam, children }: RequireRoleProps) {
  const me = useCurrentUser();
  const params = useParams();
  const allowed = hasRole(me, roles) || (selfParam !== undefined && params[selfParam] === me.id);
  if (!allowed) return <Forbidden />;
  return children ?? <Outlet />;
}
