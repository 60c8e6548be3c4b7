import { Card } from '../../../components/card';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { useT } from '../../../lib/i18n/i18n';
import { useWebhooks } from '../api/webhooks';
import { WebhookForm } from '../components/webhook-form';
import { WebhookItem } from '../components/webhook-item';
import '../components/webhooks.css';

/** /settings/webhooks (admins): add webhooks, see their state and delivery log, send a test event, delete. */
export function WebhooksPage() {
  const t = useT();
  const hooks = useWebhooks();
  return (
    <div className="webhooks-page">
      <PageHeader title={t('Webhooks')} back={{ to: '/settings', label: t('Settings') }} />
      <WebhookForm />
      <Card title={t('Your webhooks')} className="settings-card">
        {hooks.isPending ? (
          <Spinner label={t('Loading the webhooks…')} />
        ) : hooks.isError ? (
          <ErrorState error={hooks.error} title={t('Could not load the webhooks')} onRetry={() => void hooks.refetch()} retrying={hooks.isFetching} />
        ) : hooks.data.items.length === 0 ? (
          <EmptyState title={t('No webhooks yet')} message={t('Add one above to tell another system when hours change.')} />
        ) : (
          <ul className="webhook-list">
            {hooks.data.items.map((w) => <WebhookItem key={w.id} webhook={w} />)}
          </ul>
        )}
      </Card>
    </div>
  );
}
