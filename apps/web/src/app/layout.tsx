import { useEffect, useId, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { MenuIcon } from '../components/icons';
import { HeaderTimer } from '../features/timer/components/header-timer';
import { useLiveEvents } from '../features/timer/hooks/use-live-events';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../lib/current-user';
import { useReloadOnNewVersion } from '../lib/new-version';
import { UserMenu } from './user-menu';
import { translate as t } from '../lib/i18n/i18n';

const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'main-nav__link main-nav__link--active' : 'main-nav__link');

/**
 * The signed-in frame: global header and the page. The header is laid out for the longest (German)
 * labels with a timer running: above 900 px, brand · organisation · timer · user on the first row and
 * the nav on a row of its own; up to 900 px, brand · organisation · Menu · user, then the timer
 * (customer, counter, Switch, Stop) on the second row. Names shrink with an ellipsis, never wrap.
 */
export function AppLayout() {
  const me = useCurrentUser();
  // The one connection to GET /api/events for every page of the signed-in app.
  useLiveEvents();
  // A new deployment is picked up at the next navigation (lib/new-version).
  useReloadOnNewVersion();
  const isManager = hasRole(me, MANAGER_ROLES);
  const isAdmin = me.role === 'ADMIN';
  // Narrow screens (CSS, ≤ 900 px): the nav folds into a Menu button; a navigation closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      document.getElementById(`${navId}-button`)?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [menuOpen, navId]);

  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">{t('Skip to content')}</a>
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-header__brand">
            <NavLink to="/customers" className="brand">
              <span className="brand-mark" aria-hidden="true" />
              {t('Workdiary')}
            </NavLink>
            <span className="org-name" title={me.organization.name}>{me.organization.name}</span>
          </div>
          <button
            id={`${navId}-button`}
            type="button"
            className="app-header__menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((v) => !v)}
          >
            <MenuIcon size={18} />
            {t('Menu')}
          </button>
          <nav id={navId} className={menuOpen ? 'main-nav main-nav--open' : 'main-nav'} aria-label={t('Main')}>
            <NavLink to="/customers" className={navClass}>{t('Customers')}</NavLink>
            {isManager ? (
              <NavLink to="/diary" className={navClass}>{t('Work diary')}</NavLink>
            ) : (
              <NavLink to={`/diary/${encodeURIComponent(me.id)}`} className={navClass}>{t('My month')}</NavLink>
            )}
            <NavLink to="/week" className={navClass}>{t('Week')}</NavLink>
            <NavLink to="/absences" className={navClass}>{t('Absences')}</NavLink>
            <NavLink to="/reports" className={navClass}>{isManager ? t('Reports') : t('My report')}</NavLink>
            <NavLink to="/settings" className={navClass}>{isAdmin ? t('Settings') : t('My rules')}</NavLink>
            {isAdmin ? <NavLink to="/users" className={navClass}>{t('Users')}</NavLink> : null}
            {isManager ? <NavLink to="/at-work" className={navClass}>{t('At work')}</NavLink> : null}
          </nav>
          {/* The timer hides itself while the Client Timer module is off (a running one stays stoppable). */}
          <div className="app-header__timer"><HeaderTimer /></div>
          <UserMenu me={me} />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
