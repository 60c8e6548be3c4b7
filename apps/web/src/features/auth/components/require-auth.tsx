import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { AppShellSkeleton } from '../../../components/app-shell-skeleton';
import { ErrorState } from '../../../components/error-state';
import { isApiError } from '../../../lib/api-client';
import { setErrorTimeZone } from '../../../lib/error-messages';
import { CurrentUserContext } from '../../../lib/current-user';
import { useT } from '../../../lib/i18n/i18n';
import { useLocaleStore } from '../../../lib/i18n/locale-store';
import { loginUrl } from '../../../lib/login-url';
import { useMe } from '../api/get-me';

/** Protected routes: loads GET /api/me; 401 → /login?next=<here>; provides the user to the tree. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();
  const t = useT();
  const setLocale = useLocaleStore((s) => s.setLocale);
  // The user's own language, else the organisation's locale, for every string and figure.
  const locale = me.data ? (me.data.locale ?? me.data.organization.locale) : null;
  useEffect(() => {
    if (locale) setLocale(locale);
  }, [locale, setLocale]);
  // Dates in error messages (e.g. an overlap) are the organisation's wall time.
  const zone = me.data?.organization.timeZone;
  useEffect(() => {
    if (zone) setErrorTimeZone(zone);
  }, [zone]);

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
  // The header and layout first, so a hard load does not start on a blank screen.
  if (me.isPending) return <AppShellSkeleton label={t('Loading Workdiary…')} />;
  return (
    <div className="full-page-center">
      <div className="card status-page__card">
        <ErrorState error={me.error} title={t('Workdiary could not start')} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </div>
    </div>
  );
}
