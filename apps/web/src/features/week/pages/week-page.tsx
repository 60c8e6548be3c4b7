import { useState } from 'react';
import { Button } from '../../../components/button';
import { ChevronLeftIcon, ChevronRightIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { usePhoneWidth } from '../../../lib/use-media-query';
import { AddRowDialog } from '../components/add-row-dialog';
import { SessionsDialog } from '../components/sessions-dialog';
import { WeekGrid } from '../components/week-grid';
import { useWeekSheet, type WeekSheet } from '../hooks/use-week-sheet';
import { type WeekRow } from '../lib/week';
import '../week.css';

/**
 * Week timesheet (/week): the signed-in person's week, customer × category by Monday–Sunday in the
 * organisation's zone. A cell edit creates or adjusts ONE manual session through the entries API
 * (the rules and the payroll lock answer there); a cell of several sessions opens them.
 */
export function WeekPage() {
  const t = useT();
  const sheet = useWeekSheet();
  const { fmt, days, monday } = sheet;
  const phone = usePhoneWidth();
  const [day, setDay] = useState(() => Math.max(0, days.indexOf(sheet.today)));
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<{ row: WeekRow; day: number } | null>(null);
  const visible = phone ? [Math.min(day, 6)] : [0, 1, 2, 3, 4, 5, 6];

  return (
    <div className="week-page">
      <PageHeader
        title={t('Week')}
        subtitle={t('{from} – {to}', { from: fmt.shortDate(days[0] ?? monday), to: fmt.shortDate(days[6] ?? monday) })}
        actions={<WeekActions sheet={sheet} onAdd={() => setAdding(true)} />}
      />
      <p className="week-page__help">{t('Type a time (1:30 or 1,5) into a cell and press Enter: it adds or adjusts one session that day. Arrows move, Escape cancels.')}</p>
      {phone ? (
        <div className="week-page__day" role="group" aria-label={t('Day')}>
          <Button size="sm" variant="secondary" icon={<ChevronLeftIcon size={16} />} onClick={() => setDay(Math.max(0, day - 1))} disabled={day === 0} aria-label={t('Previous day')} />
          <strong aria-live="polite">{fmt.longDate(days[day] ?? monday)}</strong>
          <Button size="sm" variant="secondary" icon={<ChevronRightIcon size={16} />} onClick={() => setDay(Math.min(6, day + 1))} disabled={day === 6} aria-label={t('Next day')} />
        </div>
      ) : null}
      {sheet.refusal ? <div className="form-alert" role="alert">{t('Not saved: {reason}', { reason: sheet.refusal })}</div> : null}
      <WeekBody sheet={sheet} visible={visible} onOpenSessions={(row, i) => setOpen({ row, day: i })} />
      {adding ? (
        <AddRowDialog
          onAdd={(row) => {
            sheet.addRows([row]);
            setAdding(false);
          }}
          onClose={() => setAdding(false)}
        />
      ) : null}
      {open ? <SessionsDialog row={open.row} date={days[open.day] ?? monday} sessions={open.row.cells[open.day] ?? []} tz={sheet.tz} userId={sheet.me.id} dayLabel={sheet.dayLabel} now={sheet.now} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** The header's buttons: the weeks before and after, this week, last week's rows, a new row. */
function WeekActions({ sheet, onAdd }: { sheet: WeekSheet; onAdd: () => void }) {
  const t = useT();
  const { lastWeek, lastWeekPairs } = sheet;
  return (
    <div className="week-page__nav">
      <Button size="sm" variant="secondary" icon={<ChevronLeftIcon size={16} />} onClick={() => sheet.goWeek(-1)} aria-label={t('Previous week')} />
      <Button size="sm" variant="secondary" onClick={sheet.thisWeek} disabled={!sheet.chosenWeek}>{t('This week')}</Button>
      <Button size="sm" variant="secondary" icon={<ChevronRightIcon size={16} />} onClick={() => sheet.goWeek(1)} aria-label={t('Next week')} />
      <Button size="sm" variant="secondary" onClick={() => sheet.addRows(lastWeekPairs)} disabled={lastWeek.isPending || lastWeekPairs.length === 0} loading={lastWeek.isPending}>
        {t("Copy last week's rows")}
      </Button>
      <Button size="sm" onClick={onAdd}>{t('Add a row')}</Button>
    </div>
  );
}

/** The week's grid, or why there is none yet (loading, refused, empty). */
function WeekBody({ sheet, visible, onOpenSessions }: { sheet: WeekSheet; visible: number[]; onOpenSessions: (row: WeekRow, day: number) => void }) {
  const t = useT();
  const { entries, rows } = sheet;
  if (entries.isPending) return <div className="week-page__state" aria-busy="true"><Spinner /> {t('Loading the week…')}</div>;
  if (entries.isError) {
    return (
      <div className="week-page__state form-alert" role="alert">
        {t('The week could not be loaded: {reason}', { reason: getErrorMessage(entries.error) })}
        <Button size="sm" onClick={() => void entries.refetch()}>{t('Retry')}</Button>
      </div>
    );
  }
  if (rows.length === 0) {
    return (
      <div className="week-page__state">
        <p>{t('No time recorded this week yet.')}</p>
        <p>{sheet.lastWeekPairs.length > 0 ? t("Copy last week's rows, or add a row, to fill in the week.") : t('Add a row (customer and category) to fill in the week.')}</p>
      </div>
    );
  }
  return (
    <div className="week-page__scroll">
      <WeekGrid rows={rows} days={sheet.days} visible={visible} dayLabel={sheet.dayLabel} required={sheet.required}
        onCommit={sheet.commit} onOpenSessions={onOpenSessions} />
    </div>
  );
}
