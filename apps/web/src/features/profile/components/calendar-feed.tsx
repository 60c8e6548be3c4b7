import type { CalendarFeedCreated } from '@workdiary/shared';
import { useState } from 'react';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { useCurrentUser } from '../../../lib/current-user';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useMyCalendarFeed, useRevokeCalendarFeed, useRotateCalendarFeed } from '../api/integrations';
import { SecretValue } from './secret-value';

/**
 * The caller's secret calendar feed URL (issue 28): make it, make a new one (the old one stops),
 * or turn it off. The URL is shown only when made (only its hash is stored).
 */
export function CalendarFeed() {
  const t = useT();
  const format = useFormat();
  const me = useCurrentUser();
  const feed = useMyCalendarFeed();
  const rotate = useRotateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);

  const make = () => rotate.mutate(undefined, {
    onSuccess: (made) => {
      setCreated(made);
      setConfirm(null);
    },
    onError: (error) => toast.error(error),
  });
  const turnOff = () => revoke.mutate(undefined, {
    onSuccess: () => {
      setCreated(null);
      setConfirm(null);
      toast.success(t('Your calendar link was turned off.'));
    },
    onError: (error) => toast.error(error),
  });

  const what = me.role === 'MEMBER'
    ? t('Subscribe to it in your calendar app to see the public holidays and your approved absences.')
    : t('Subscribe to it in your calendar app to see the public holidays and everyone\'s approved absences.');

  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>{what} {t('Anyone with the link can read it: keep it like a password.')}</p>
      {created ? (
        <SecretValue
          label={t('Calendar link')}
          value={created.url}
          note={t('Copy the link now: for safety it is not shown again.')}
          onDone={() => setCreated(null)}
        />
      ) : null}
      {feed.isPending ? (
        <Spinner label={t('Loading your calendar link…')} />
      ) : feed.isError ? (
        <ErrorState error={feed.error} title={t('Could not load your calendar link')} onRetry={() => void feed.refetch()} retrying={feed.isFetching} />
      ) : !feed.data.active ? (
        <EmptyState
          title={t('No calendar link')}
          action={<Button onClick={make} loading={rotate.isPending} loadingText={t('Creating…')}>{t('Create calendar link')}</Button>}
        />
      ) : (
        <>
          {feed.data.createdAt ? <p style={{ margin: 0 }}>{t('Your calendar link was made on {date}.', { date: format.dateTime(feed.data.createdAt) })}</p> : null}
          <div className="row">
            <Button variant="secondary" onClick={() => setConfirm('rotate')}>{t('New link')}</Button>
            <Button variant="danger" onClick={() => setConfirm('revoke')}>{t('Turn off')}</Button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === 'rotate' ? t('Make a new calendar link?') : t('Turn the calendar link off?')}
        message={t('Calendars subscribed to the current link stop updating at once.')}
        confirmLabel={confirm === 'rotate' ? t('New link') : t('Turn off')}
        tone={confirm === 'rotate' ? 'primary' : 'danger'}
        loading={rotate.isPending || revoke.isPending}
        loadingText={confirm === 'rotate' ? t('Creating…') : t('Turning off…')}
        onConfirm={confirm === 'rotate' ? make : turnOff}
        onCancel={() => setConfirm(null)}
      />
    </div>
  );
}
