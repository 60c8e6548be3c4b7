import type { ReactNode } from 'react';
import { cx } from '../lib/cx';
import { translate as t } from '../lib/i18n/i18n';

/** The centred card of the signed-out pages (sign in, first-run setup, set password). */
export function AuthCard({ children, className, brand = true }: { children: ReactNode; className?: string; brand?: boolean }) {
  return (
    <main className="auth-page">
      <div className={cx('auth-card card', className)}>
        {brand ? (
          <p className="auth-card__brand">
            <span className="brand-mark" aria-hidden="true" />
            {t('Workdiary')}
          </p>
        ) : null}
        {children}
      </div>
    </main>
  );
}
