import { useState } from 'react';
import type { Webhook } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useDeleteWebhook, useDeliveries, useSendTestEvent, useSetWebhookEnabled } from '../api/webhooks';
import { useEventLabel } from './event-labels';

/** One webhook: its URL, events and state, its actions, and (opened) its delivery log. */
export function WebhookItem({ webhook }: { webhook: Webhook }) {
  const t = useT();
  const fmt = useFormat();
  const eventLabel = useEventLabel();
  const [logOpen, setLogOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const setEnabled = useSetWebhookEnabled();
  const remove = useDeleteWebhook();
  const test = useSendTestEvent();

  const sendTest = () => test.mutate(webhook.id, {
    onSuccess: () => {
      setLogOpen(true);
      toast.success(t('Test event queued: its result shows in the delivery log.'));
    },
    onError: (error) => toast.error(error),
  });
  const toggle = () => setEnabled.mutate({ id: webhook.id, enabled: !webhook.enabled }, { onError: (error) => toast.error(error) });

  return (
    <li className="webhook-item">
      <div className="webhook-item__head">
        <div className="webhook-item__title">
          <span className="webhook-item__url">{webhook.url}</span>
          {webhook.enabled
            ? <Badge tone="success" dot>{t('Active')}</Badge>
            : <Badge tone={webhook.disabledReason === 'FAILING' ? 'danger' : 'neutral'}>{t('Turned off')}</Badge>}
          {webhook.pending > 0 ? <Badge tone="info">{t('{count, plural, one {# pending} other {# pending}}', { count: webhook.pending })}</Badge> : null}
        </div>
        <p className="muted webhook-item__events">{webhook.events.map(eventLabel).join(' · ')}</p>
        {!webhook.enabled && webhook.disabledReason === 'FAILING' ? (
          <div className="form-alert" role="alert">
            {t('Turned off on {date}: a delivery failed for a day of retries. Fix the receiver, send a test event, then turn the webhook on again; the deliveries that waited go out then.', { date: webhook.disabledAt ? fmt.dateTime(webhook.disabledAt) : '' })}
          </div>
        ) : null}
      </div>
      <div className="webhook-item__actions">
        <Button size="sm" onClick={() => setLogOpen((o) => !o)} aria-expanded={logOpen}>{logOpen ? t('Hide deliveries') : t('Deliveries')}</Button>
        <Button size="sm" onClick={sendTest} loading={test.isPending}>{t('Send test event')}</Button>
        <Button size="sm" onClick={toggle} loading={setEnabled.isPending}>{webhook.enabled ? t('Turn off') : t('Turn on')}</Button>
        <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)}>{t('Delete')}</Button>
      </div>
      {logOpen ? <DeliveryLog id={webhook.id} /> : null}
      <ConfirmDialog
        open={confirmDelete}
        title={t('Delete this webhook?')}
        message={t('{url} gets no more events; its delivery log and the deliveries still pending are deleted.', { url: webhook.url })}
        loading={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate(webhook.id, {
          onSuccess: () => {
            setConfirmDelete(false);
            toast.success(t('Webhook deleted.'));
          },
          onError: (error) => toast.error(error),
        })}
      />
    </li>
  );
}

function DeliveryLog({ id }: { id: string }) {
  const t = useT();
  const fmt = useFormat();
  const eventLabel = useEventLabel();
  const log = useDeliveries(id);
  if (log.isPending) return <Spinner label={t('Loading the deliveries…')} />;
  if (log.isError) return <ErrorState error={log.error} title={t('Could not load the deliveries')} onRetry={() => void log.refetch()} retrying={log.isFetching} />;
  if (log.data.items.length === 0) return <EmptyState title={t('No deliveries yet')} message={t('Deliveries appear here when a chosen event happens, or when you send a test event.')} />;
  return (
    <div className="webhook-log" role="region" aria-label={t('Delivery log')}>
      <table className="webhook-log__table">
        <thead>
          <tr>
            <th scope="col">{t('Event')}</th>
            <th scope="col">{t('Status')}</th>
            <th scope="col">{t('Attempts')}</th>
            <th scope="col">{t('Answer')}</th>
            <th scope="col">{t('Last attempt')}</th>
            <th scope="col">{t('Next attempt')}</th>
          </tr>
        </thead>
        <tbody>
          {log.data.items.map((d) => (
            <tr key={d.id}>
              <td data-label={t('Event')}><span>{eventLabel(d.type)}<span className="muted webhook-log__when">{fmt.dateTime(d.occurredAt)}</span></span></td>
              <td data-label={t('Status')}>
                {d.status === 'SUCCEEDED' ? <Badge tone="success">{t('Delivered')}</Badge> : d.status === 'FAILED' ? <Badge tone="danger">{t('Failed')}</Badge> : <Badge tone="warning">{t('Pending')}</Badge>}
              </td>
              <td data-label={t('Attempts')}>{d.attempts}</td>
              <td data-label={t('Answer')}>
                <span>
                  {d.responseStatus !== null ? `HTTP ${d.responseStatus}` : d.error ?? '—'}
                  {d.responseTimeMs !== null ? <span className="muted"> · {t('{ms} ms', { ms: d.responseTimeMs })}</span> : null}
                </span>
              </td>
              <td data-label={t('Last attempt')}>{d.lastAttemptAt ? fmt.dateTime(d.lastAttemptAt) : '—'}</td>
              <td data-label={t('Next attempt')}>{d.nextAttemptAt ? fmt.dateTime(d.nextAttemptAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
