import { Spinner } from './spinner';
import { translate as t } from '../lib/i18n/i18n';

/** The signed-in frame's outline (header, navigation placeholders, page) while /api/me loads. */
export function AppShellSkeleton({ label }: { label: string }) {
  return (
    <div className="app-shell" aria-busy="true">
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-header__brand">
            <span className="brand">
              <span className="brand-mark" aria-hidden="true" />
              {t('Workdiary')}
            </span>
          </div>
          <div className="main-nav" aria-hidden="true">
            {[0, 1, 2].map((i) => <span key={i} className="skeleton skeleton--nav" />)}
          </div>
        </div>
      </header>
      <main id="main" className="app-main">
        <div className="skeleton skeleton--title" aria-hidden="true" />
        <Spinner size="lg" label={label} />
      </main>
    </div>
  );
}
