import type { AuditEvent } from '@workdiary/shared';
import { localDateLabel, localTime } from '../../../components/entries/entry-time';
import { changesOf, sessionSummary, snapshotOf, verbOf } from '../lib/audit';
import { translate as t } from '../../../lib/i18n/i18n';

export type AuditTrailProps = {
  events: readonly AuditEvent[];
  tz: string;
  /** The day in view: times on it show without their date. */
  date?: string;
  /** Show which session each event is about (the day's trail mixes sessions). */
  showSession?: boolean;
};

/** Who created, changed, stopped or deleted a session, when, and what changed; newest first. */
export function AuditTrail({ events, tz, date, showSession = false }: AuditTrailProps) {
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  return (
    <ol className="audit-trail" aria-label={t('Changes')}>
      {sorted.map((event) => {
        const changes = event.action === 'UPDATE' || event.action === 'STOP' ? changesOf(event, tz, date) : [];
        const subject = snapshotOf(event.after) ?? snapshotOf(event.before);
        return (
          <li key={event.id} className={`audit-trail__item audit-trail__item--${event.action.toLowerCase()}`}>
            <div className="audit-trail__head">
              <span>
                {verbOf(event.action)[0]}<strong>{event.actor.name}</strong>{verbOf(event.action)[1]}
              </span>
              <time className="audit-trail__when muted" dateTime={event.at}>
                {localDateLabel(event.at, tz)} {localTime(event.at, tz)}
              </time>
            </div>
            {showSession || event.action === 'CREATE' || event.action === 'DELETE' || event.action === 'START' ? (
              <div className="audit-trail__session muted">{sessionSummary(subject, tz, date)}</div>
            ) : null}
            {changes.length > 0 ? (
              <ul className="audit-trail__changes">
                {changes.map((c) => (
                  <li key={c.field}>
                    <span className="audit-trail__field">{c.field}</span>{' '}
                    <del>{c.from || '—'}</del> → <ins>{c.to || '—'}</ins>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
