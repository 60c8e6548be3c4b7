import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { LockIcon } from '../../../components/icons';
import { Spinner } from '../../../components/spinner';
import { useWorkRules } from '../api/work-rules';
import { RulesSummary } from './rules-summary';
import { translate as t } from '../../../lib/i18n/i18n';

/** A member's or manager's own work rules, read-only: what the server checks on every stop and entry. */
export function MyRulesCard({ userId }: { userId: string }) {
  const rules = useWorkRules(userId);
  return (
    <Card title={t('My work rules')} className="settings-card">
      {rules.isPending ? (
        <Spinner label={t('Loading your work rules…')} />
      ) : rules.isError ? (
        <ErrorState error={rules.error} title={t('Could not load your work rules')} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
      ) : (
        <>
          <p className="muted my-rules__source">
            <LockIcon size={14} aria-hidden="true" />{' '}
            {rules.data.inherited ? t('The organisation defaults apply to you.') : t('Your administrator set these rules for you.')}
            {' '}{t('Only an administrator can change them. Stops and entries that break them are refused with the reason.')}
          </p>
          <RulesSummary rules={rules.data} />
        </>
      )}
    </Card>
  );
}
