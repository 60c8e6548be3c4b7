import { formatDuration, type AtWorkItem } from '@workdiary/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { useCurrentUser } from '../../../lib/current-user';
import { useAtWork } from '../api/at-work';
import { useServerNow } from '../../../lib/use-server-now';
import { formatSince } from './at-work-table';
import { StopUserTimerModal } from './stop-user-timer-modal';
import './users.css';

/**
 * A compact, live "At work now" card for other pages (e.g. the Work diary's users list), composed
 * by the app layer. Fetches ['at-work'] itself and follows the server-sent events.
 */
export function AtWorkCard({ title = 'At work now' }: { title?: string }) {
  const me = useCurrentUser();
  const atWork = useAtWork();
  const items = atWork.data ?? [];
  const now = useServerNow(items.length > 0, 1000);
  const [stopping, setStopping] = useState<AtWorkItem | null>(null);
  return (
    <Card
      title={
        <span className="at-work__live">
          {title}
          {atWork.data ? <Badge tone={items.length ? 'success' : 'neutral'} dot={items.length ? 'pulse' : false}>{items.length}</Badge> : null}
        </span>
      }
      actions={<Link to="/at-work" className="btn btn--ghost btn--sm">Open</Link>}
    >
      {atWork.isPending ? (
        <Spinner label="Loading who is at work…" />
      ) : atWork.isError ? (
        <ErrorState error={atWork.error} title="Could not load who is at work" onRetry={() => void atWork.refetch()} retrying={atWork.isFetching} />
      ) : items.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>Nobody is at work right now.</p>
      ) : (
        <ul className="at-work-compact" aria-label="At work now">
          {items.map((i) => (
            <li key={i.entryId} className="at-work-compact__item">
              <span className="at-work-compact__who">
                <span className="at-work-compact__name">{i.userName}</span>
                <span className="at-work-compact__what">{i.customerName} · {i.categoryName} · since {formatSince(i.startedAt, me.organization.timeZone, now)}</span>
              </span>
              <span className="at-work-compact__right">
                <span className="at-work__elapsed">{formatDuration(now - new Date(i.startedAt).getTime())}</span>
                <Button size="sm" variant="danger" onClick={() => setStopping(i)} aria-label={`Stop ${i.userName}’s timer`}>Stop</Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <StopUserTimerModal item={stopping} onClose={() => setStopping(null)} />
    </Card>
  );
}
