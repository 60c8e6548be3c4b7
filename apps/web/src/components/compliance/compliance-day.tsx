import type { ComplianceItem } from '@workdiary/shared';
import { useState } from 'react';
import { getErrorMessage } from '../../lib/api-client';
import { hours, localShortDate } from '../../lib/format';
import { useT } from '../../lib/i18n/i18n';
import { Badge } from '../badge';
import { Button } from '../button';
import { ErrorState } from '../error-state';
import { Spinner } from '../spinner';
import { TextAreaField } from '../text-field';
import { toast } from '../toast';
import { useAcknowledge, useCompliance } from './compliance-api';
import { ruleFigure, ruleName, ruleText } from './rules';
import './compliance.css';

type Props = { userId: string; date: string; tz: string; canAcknowledge: boolean };

/** The day's working-time findings in words (the day modal), acknowledged or with a manager's acknowledgement form. */
export function ComplianceDay({ userId, date, tz, canAcknowledge }: Props) {
  const t = useT();
  const query = useCompliance(date.slice(0, 7), userId);
  if (query.isPending) return <div className="compliance-day" aria-busy="true"><Spinner size="sm" label={t('Checking working-time law…')} /></div>;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} title={t('Could not check the working-time law')} />;
  }
  const items = query.data.items.filter((i) => i.userId === userId && i.date === date);
  if (items.length === 0) return null;
  const acknowledged = items[0]?.acknowledged ?? null;
  return (
    <section className="compliance-day" aria-labelledby={`compliance-${date}`} data-testid="compliance-day">
      <h3 id={`compliance-${date}`} className="compliance-day__title">
        {t('Working-time law')}{' '}
        {acknowledged ? <Badge tone="info">{t('Acknowledged')}</Badge> : <Badge tone="danger">{t('{count, plural, one {# finding} other {# findings}}', { count: items.length })}</Badge>}
      </h3>
      <ul className="compliance-day__list">
        {items.map((item) => <Finding key={item.rule} item={item} />)}
      </ul>
      {acknowledged ? (
        <p className="compliance-day__ack" data-testid="compliance-ack">
          {t('Acknowledged by {name} on {date}: {note}', { name: acknowledged.by.name, date: localShortDate(acknowledged.at, tz), note: acknowledged.note })}
        </p>
      ) : null}
      {canAcknowledge ? <AcknowledgeForm userId={userId} date={date} again={acknowledged !== null} /> : null}
    </section>
  );
}

function Finding({ item }: { item: ComplianceItem }) {
  const figure = ruleFigure(item.rule, item.minutes, hours);
  return (
    <li className="compliance-day__item">
      <strong>{ruleName(item.rule)}</strong>
      {figure ? <span className="muted"> ({figure})</span> : null}
      <br />
      <span>{ruleText(item.rule)}</span>
    </li>
  );
}

function AcknowledgeForm({ userId, date, again }: { userId: string; date: string; again: boolean }) {
  const t = useT();
  const ack = useAcknowledge();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  function submit() {
    if (note.trim() === '') {
      setError(t('A note is required'));
      return;
    }
    setError(undefined);
    ack.mutate({ userId, date, note: note.trim() }, {
      onSuccess: () => {
        setNote('');
        toast.success(t('Findings acknowledged'));
      },
      onError: (e) => setError(getErrorMessage(e)),
    });
  }
  return (
    <form className="compliance-day__form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <TextAreaField label={again ? t('Replace the note') : t('Acknowledge with a note')} rows={2} value={note} maxLength={500} error={error} onChange={(e) => setNote(e.target.value)} />
      <Button type="submit" variant="primary" loading={ack.isPending} loadingText={t('Saving…')}>{t('Acknowledge')}</Button>
    </form>
  );
}

/** The marker on a day of the month: the rules it broke (names in the title). */
export function ComplianceMarker({ rules }: { rules: readonly string[] | undefined }) {
  const t = useT();
  if (!rules || rules.length === 0) return null;
  const names = rules.map((r) => ruleName(r as ComplianceItem['rule'])).join(', ');
  return (
    <Badge tone="danger" title={t('Working-time law: {rules}', { rules: names })} className="compliance-marker">
      <span aria-hidden="true">§</span>
      <span className="visually-hidden">{t('Working-time law: {rules}', { rules: names })}</span>
    </Badge>
  );
}
