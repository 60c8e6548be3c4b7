import { NavLink, Outlet } from 'react-router';
import { HeaderTimer } from '../features/timer/components/header-timer';
import { useLiveEvents } from '../features/timer/hooks/use-live-events';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../lib/current-user';
import { UserMenu } from './user-menu';

const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'main-nav__link main-nav__link--active' : 'main-nav__link');

/** The signed-in frame: global header (brand, organisation, nav, timer, user menu) and the page. */
export function AppLayout() {
  const me = useCurrentUser();
  // The one connection to GET /api/events for every page of the signed-in app.
  useLiveEvents();
  const isManager = hasRole(me, MANAGER_ROLES);
  const isAdmin = me.role === 'ADMIN';

  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">Skip to content</a>
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-header__brand">
            <NavLink to="/customers" className="brand">
              <span className="brand-mark" aria-hidden="true" />
              Workdiary
            </NavLink>
            <span className="org-name" title="Organisation">{me.organization.name}</span>
          </div>
          <nav className="main-nav" aria-label="Main">
            <NavLink to="/customers" className={navClass}>Customers</NavLink>
            {isManager ? (
              <NavLink to="/diary" className={navClass}>Work diary</NavLink>
            ) : (
              <NavLink to={`/diary/${encodeURIComponent(me.id)}`} className={navClass}>My month</NavLink>
            )}
            <NavLink to="/absences" className={navClass}>Absences</NavLink>
            <NavLink to="/settings" className={navClass}>{isAdmin ? 'Settings' : 'My rules'}</NavLink>
            {isAdmin ? <NavLink to="/users" className={navClass}>Users</NavLink> : null}
            {isManager ? <NavLink to="/at-work" className={navClass}>At work</NavLink> : null}
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
