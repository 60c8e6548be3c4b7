import { addDays, localDateOf, localTimeOf, type WorkEntry } from '@workdiary/shared';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/button';
import { ChevronLeftIcon, ChevronRightIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { getErrorMessage } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { longDate, shortDate, weekdayShort } from '../../../lib/format';
import { useLocaleStore } from '../../../lib/i18n/locale-store';
import { useT } from '../../../lib/i18n/i18n';
import { useCellWrite, useRequiredMinutes, useWeekEntries } from '../api/week';
import { AddRowDialog } from '../components/add-row-dialog';
import { WeekGrid } from '../components/week-grid';
import { buildRows, clock, daysFrom, isoWeekOf, minutesOf, mondayOfWeek, pairsOf, type WeekRow } from '../lib/week';
import '../week.css';

const PHONE = '(max-width: 640px)';

function useIsPhone(): boolean {
  const [phone, setPhone] = useState(() => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(PHONE).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia(PHONE);
    const on = () => setPhone(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return phone;
}

/** Where a new session of `minutes` on `date` goes: after the day's last finished session, else 08:00. */
function slotFor(entries: WorkEntry[], date: string, tz: string, minutes: number): { startTime: string; stopTime: string; stopDate?: string } | null {
  let start = 8 * 60;
  const ends = entries.filter((e) => e.stoppedAt && localDateOf(new Date(e.stoppedAt), tz) === date).map((e) => {
    const [h, m] = localTimeOf(new Date(e.stoppedAt as string), tz).split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  });
  if (ends.length) start = Math.max(...ends);
  const stop = start + minutes;
  if (stop > 24 * 60) return null;
  return stop === 24 * 60 ? { startTime: clock(start), stopTime: '00:00', stopDate: addDays(date, 1) } : { startTime: clock(start), stopTime: clock(stop) };
}

/**
 * Week timesheet (/week): the signed-in person's week, customer × category by Monday–Sunday in the
 * organisation's zone. A cell edit creates or adjusts ONE manual session through the entries API
 * (the rules and the payroll lock answer there); a cell of several sessions opens them.
 */
export function WeekPage() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const fmt = { weekdayShort: (d: string) => weekdayShort(d, locale), shortDate: (d: string) => shortDate(d, locale), longDate: (d: string) => longDate(d, locale) };
  const me = useCurrentUser();
  const tz = me.organization.timeZone;
  const [params, setParams] = useSearchParams();
  const today = localDateOf(new Date(), tz);
  const week = params.get('week') ?? isoWeekOf(today);
  const monday = mondayOfWeek(week) ?? mondayOfWeek(isoWeekOf(today)) ?? today;
  const days = daysFrom(monday);
  const phone = useIsPhone();
  const [day, setDay] = useState(() => Math.max(0, days.indexOf(today)));
  // Rows shown with empty cells until time is typed in: copied from last week, or added.
  const [extra, setExtra] = useState<Array<Pick<WeekRow, 'customer' | 'category'>>>([]);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<{ row: WeekRow; day: number } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const entries = useWeekEntries(me.id, days[0] ?? monday, days[6] ?? monday);
  const lastWeek = useWeekEntries(me.id, addDays(monday, -7), addDays(monday, -1));
  const required = useRequiredMinutes(me.id, days);
  const write = useCellWrite();
  const now = Date.now();

  const goWeek = (n: number) => {
    setExtra([]);
    setRefusal(null);
    setParams({ week: isoWeekOf(addDays(monday, 7 * n)) });
  };
  const rows = buildRows(entries.data ?? [], days, tz, extra, now);
  const dayLabel = (date: string) => `${fmt.weekdayShort(date)} ${fmt.shortDate(date)}`;

  const commit = async (row: WeekRow, i: number, minutes: number) => {
    setRefusal(null);
    const date = days[i] as string;
    const session = row.cells[i]?.[0];
    try {
      if (session) {
        if (minutes === 0) await write.mutateAsync({ kind: 'delete', id: session.id });
        else await write.mutateAsync({ kind: 'patch', id: session.id, stoppedAt: new Date(Date.parse(session.startedAt) + minutes * 60_000).toISOString() });
        return;
      }
      if (minutes === 0) return;
      const slot = slotFor(entries.data ?? [], date, tz, minutes);
      if (!slot) {
        setRefusal(t('{time} does not fit into {day} after its last session.', { time: clock(minutes), day: dayLabel(date) }));
        throw new Error('no slot');
      }
      await write.mutateAsync({ kind: 'create', body: { customerId: row.customer.id, categoryId: row.category.id, date, ...slot } });
    } catch (error) {
      if (!(error instanceof Error && error.message === 'no slot')) setRefusal(getErrorMessage(error));
      throw error;
    }
  };

  const visible = phone ? [Math.min(day, 6)] : [0, 1, 2, 3, 4, 5, 6];
  const lastWeekPairs = pairsOf(lastWeek.data ?? []);

  return (
    <div className="week-page">
      <PageHeader
        title={t('Week')}
        subtitle={t('{from} – {to}', { from: fmt.shortDate(days[0] ?? monday), to: fmt.shortDate(days[6] ?? monday) })}
        actions={
          <div className="week-page__nav">
            <Button size="sm" variant="secondary" icon={<ChevronLeftIcon size={16} />} onClick={() => goWeek(-1)} aria-label={t('Previous week')} />
            <Button size="sm" variant="secondary" onClick={() => setParams({})} disabled={!params.get('week')}>{t('This week')}</Button>
            <Button size="sm" variant="secondary" icon={<ChevronRightIcon size={16} />} onClick={() => goWeek(1)} aria-label={t('Next week')} />
            <Button size="sm" variant="secondary" onClick={() => setExtra((rows) => [...rows, ...lastWeekPairs])} disabled={lastWeek.isPending || lastWeekPairs.length === 0} loading={lastWeek.isPending}>
              {t("Copy last week's rows")}
            </Button>
            <Button size="sm" onClick={() => setAdding(true)}>{t('Add a row')}</Button>
          </div>
        }
      />
      <p className="week-page__help">{t('Type a time (1:30 or 1,5) into a cell and press Enter: it adds or adjusts one session that day. Arrows move, Escape cancels.')}</p>
      {phone ? (
        <div className="week-page__day" role="group" aria-label={t('Day')}>
          <Button size="sm" variant="secondary" icon={<ChevronLeftIcon size={16} />} onClick={() => setDay(Math.max(0, day - 1))} disabled={day === 0} aria-label={t('Previous day')} />
          <strong aria-live="polite">{fmt.longDate(days[day] ?? monday)}</strong>
          <Button size="sm" variant="secondary" icon={<ChevronRightIcon size={16} />} onClick={() => setDay(Math.min(6, day + 1))} disabled={day === 6} aria-label={t('Next day')} />
        </div>
      ) : null}
      {refusal ? <div className="form-alert" role="alert">{t('Not saved: {reason}', { reason: refusal })}</div> : null}
      {entries.isPending ? (
        <div className="week-page__state" aria-busy="true"><Spinner /> {t('Loading the week…')}</div>
      ) : entries.isError ? (
        <div className="week-page__state form-alert" role="alert">
          {t('The week could not be loaded: {reason}', { reason: getErrorMessage(entries.error) })}
          <Button size="sm" onClick={() => void entries.refetch()}>{t('Retry')}</Button>
        </div>
      ) : rows.length === 0 ? (
        <div className="week-page__state">
          <p>{t('No time recorded this week yet.')}</p>
          <p>{lastWeekPairs.length > 0 ? t("Copy last week's rows, or add a row, to fill in the week.") : t('Add a row (customer and category) to fill in the week.')}</p>
        </div>
      ) : (
        <div className="week-page__scroll">
          <WeekGrid rows={rows} days={days} visible={visible} dayLabel={dayLabel} required={required.required}
            onCommit={commit} onOpenSessions={(row, i) => setOpen({ row, day: i })} />
        </div>
      )}
      {adding ? (
        <AddRowDialog
          onAdd={(row) => {
            setExtra((rows) => [...rows, row]);
            setAdding(false);
          }}
          onClose={() => setAdding(false)}
        />
      ) : null}
      {open ? <SessionsDialog row={open.row} date={days[open.day] ?? monday} sessions={open.row.cells[open.day] ?? []} tz={tz} userId={me.id} dayLabel={dayLabel} now={now} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** A cell's sessions, listed, with the way to the day where each can be edited. */
function SessionsDialog({ row, date, sessions, tz, userId, dayLabel, now, onClose }: {
  row: WeekRow; date: string; sessions: WorkEntry[]; tz: string; userId: string; dayLabel: (d: string) => string; now: number; onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal open title={`${row.customer.name} · ${row.category.name}`} description={dayLabel(date)} onClose={onClose}
      footer={<Button variant="ghost" onClick={onClose}>{t('Close')}</Button>}>
      <p>{t('This day holds several sessions, a timer session or part of one over midnight: edit them one by one in the day.')}</p>
      <ul className="week-sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <span>{localTimeOf(new Date(s.startedAt), tz)}–{s.stoppedAt ? localTimeOf(new Date(s.stoppedAt), tz) : t('running')}</span>
            <span>{clock(minutesOf(s, now)).replace(/^0/, '')}</span>
            <span className="week-sessions__note">{s.note}</span>
          </li>
        ))}
      </ul>
      <Link to={`/diary/${encodeURIComponent(userId)}?month=${date.slice(0, 7)}`}>{t('Open the day in My month')}</Link>
    </Modal>
  );
}
