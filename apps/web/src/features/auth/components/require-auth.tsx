import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { FullPageSpinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-client';
import { CurrentUserContext } from '../../../lib/current-user';
import { loginUrl } from '../../../lib/login-url';
import { useMe } from '../api/get-me';

/** Protected routes: loads GET /api/me; 401 → /login?next=<here>; provides the user to the tree. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();

  if (isApiError(me.error, 401)) {
    return <Navigate to={loginUrl(`${location.pathname}${location.search}${location.hash}`)} replace />;
  }
  if (me.data) {
    return (
      <CurrentUserContext value={me.data}>
        <Outlet />
      </CurrentUserContext>
    );
  }
  if (me.isPending) return <FullPageSpinner label="Loading Workdiary…" />;
  return (
    <div className="full-page-center">
      <div className="card status-page__card">
        <ErrorState error={me.error} title="Workdiary could not start" onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </div>
    </div>
  );
}
