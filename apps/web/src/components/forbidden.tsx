import { Link } from 'react-router';
import { LockIcon } from './icons';
import { StatusPage } from './status-page';
import { translate as t } from '../lib/i18n/i18n';

export type ForbiddenProps = {
  /** e.g. the API's 403 message; defaults to a plain explanation. */
  message?: string;
};

/** 403: render it when the API answers 403 or the signed-in role may not see the page. */
export function Forbidden({ message }: ForbiddenProps) {
  return (
    <StatusPage
      code="403"
      icon={<LockIcon size={28} />}
      title={t('You don\'t have access to this page')}
      message={<p>{message ?? t('Your role does not allow this. If you think it should, ask an administrator of your organisation.')}</p>}
      actions={<Link className="btn btn--secondary" to="/customers">{t('Go to Customers')}</Link>}
    />
  );
}
