import type { SessionInfo } from '@workdiary/shared';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { useEndSession, useMySessions } from '../api/profile';

const when = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const label = (iso: string) => when.format(new Date(iso));

/**
 * Where the caller is signed in (device, since, last seen) and a way to sign one device out.
 * Ending the current session signs this browser out too: the next request answers 401 and the
 * app goes to the sign-in page.
 */
export function MySessions() {
  const sessions = useMySessions();
  const end = useEndSession();
  const [ending, setEnding] = useState<string | null>(null);

  const endOne = (session: SessionInfo) => {
    setEnding(session.id);
    end.mutate(session.id, {
      onSuccess: () => toast.success(session.current ? 'You are signed out on this device.' : `${session.device} was signed out.`),
      onError: (error) => toast.error(error),
      onSettled: () => setEnding(null),
    });
  };

  if (sessions.isPending) return <Spinner label="Loading your sessions…" />;
  if (sessions.isError) {
    return <ErrorState error={sessions.error} title="Could not load your sessions" onRetry={() => void sessions.refetch()} retrying={sessions.isFetching} />;
  }
  if (sessions.data.items.length === 0) return <EmptyState title="No active sessions" message="Sign in again to see this device here." />;
  return (
    <ul className="session-list" aria-label="Active sessions">
      {sessions.data.items.map((s) => (
        <li key={s.id} className="session-list__item">
          <div>
            <p className="session-list__device">
              {s.device} {s.current ? <Badge tone="info">This device</Badge> : null}
            </p>
            <p className="muted session-list__meta">Signed in {label(s.createdAt)} · last seen {label(s.lastSeenAt)}</p>
          </div>
          <Button
            size="sm"
            variant={s.current ? 'secondary' : 'danger'}
            loading={ending === s.id}
            loadingText="Signing out…"
            disabled={ending !== null && ending !== s.id}
            onClick={() => endOne(s)}
            aria-label={s.current ? 'Sign out on this device' : `Sign out ${s.device} (signed in ${label(s.createdAt)})`}
          >
            Sign out
          </Button>
        </li>
      ))}
    </ul>
  );
}
