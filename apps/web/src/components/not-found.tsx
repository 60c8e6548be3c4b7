import { Link } from 'react-router';
import { StatusPage } from './status-page';
import { translate as t } from '../lib/i18n/i18n';

export function NotFound({ message }: { message?: string }) {
  return (
    <StatusPage
      code="404"
      title={t('Page not found')}
      message={<p>{message ?? t('The page you asked for does not exist or has moved.')}</p>}
      actions={<Link className="btn btn--secondary" to="/customers">{t('Go to Customers')}</Link>}
    />
  );
}
