import type { SessionInfo } from '@workdiary/shared';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useEndOtherSessions, useEndSession, useMySessions } from '../api/profile';

/**
 * Where the caller is signed in (device, since, last seen) and a way to sign one device out.
 * Ending the current session signs this browser out too: the next request answers 401 and the
 * app goes to the sign-in page.
 */
export function MySessions() {
  const sessions = useMySessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const [ending, setEnding] = useState<string | null>(null);
  const t = useT();
  const label = useFormat().dateTime;

  const endOne = (session: SessionInfo) => {
    setEnding(session.id);
    end.mutate(session.id, {
      onSuccess: () => toast.success(session.current ? t('You are signed out on this device.') : t('{device} was signed out.', { device: session.device })),
      onError: (error) => toast.error(error),
      onSettled: () => setEnding(null),
    });
  };

  if (sessions.isPending) return <Spinner label={t('Loading your sessions…')} />;
  if (sessions.isError) {
    return <ErrorState error={sessions.error} title={t('Could not load your sessions')} onRetry={() => void sessions.refetch()} retrying={sessions.isFetching} />;
  }
  if (sessions.data.items.length === 0) return <EmptyState title={t('No active sessions')} message={t('Sign in again to see this device here.')} />;
  const others = sessions.data.items.filter((s) => !s.current).length;
  const endAllOthers = () => endOthers.mutate(undefined, {
    onSuccess: () => toast.success(t('{count, plural, one {# other device was signed out.} other {# other devices were signed out.}}', { count: others })),
    onError: (error) => toast.error(error),
  });
  return (
    <div className="stack">
      <div className="session-others">
        <p className="muted session-others__text">
          {others === 0
            ? t('You are signed in on this device only.')
            : t('{count, plural, one {Signed in on # other device.} other {Signed in on # other devices.}}', { count: others })}
        </p>
        {others > 0 ? (
          <Button variant="danger" loading={endOthers.isPending} loadingText={t('Signing out…')} disabled={ending !== null} onClick={endAllOthers}>
            {t('Sign out all other devices')}
          </Button>
        ) : null}
      </div>
    <ul className="session-list" aria-label={t('Active sessions')}>
      {sessions.data.items.map((s) => (
        <li key={s.id} className="session-list__item">
          <div>
            <p className="session-list__device">
              {s.device} {s.current ? <Badge tone="info">{t('This device')}</Badge> : null}
            </p>
            <p className="muted session-list__meta">{t('Signed in {since} · last seen {seen}', { since: label(s.createdAt), seen: label(s.lastSeenAt) })}</p>
          </div>
          <Button
            size="sm"
            variant={s.current ? 'secondary' : 'danger'}
            loading={ending === s.id}
            loadingText={t('Signing out…')}
            disabled={(ending !== null && ending !== s.id) || endOthers.isPending}
            onClick={() => endOne(s)}
            aria-label={s.current ? t('Sign out on this device') : t('Sign out {device} (signed in {since})', { device: s.device, since: label(s.createdAt) })}
          >
            {t('Sign out')}
          </Button>
        </li>
      ))}
    </ul>
    </div>
  );
}
