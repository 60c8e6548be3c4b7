import { addDays, weekdayIndex, type DiaryDay } from '@workdiary/shared';
import { localDate, localTime } from '../../../components/entries/entry-time';
import { cx } from '../../../lib/cx';
import { translate as t } from '../../../lib/i18n/i18n';
import { usePhoneWidth } from '../../../lib/use-media-query';
import { hours, longDate, shortDate, weekdayShort } from '../lib/format';

export type MonthWeekListProps = {
  days: readonly DiaryDay[] | undefined;
  tz: string;
  today: string;
  onOpenDay: (date: string) => void;
};

type Week = { monday: string; days: DiaryDay[]; total: number; required: number };

/** The month's days in weeks (Monday first; a week cut by the month's edge counts its days in it). */
export function weeksOf(days: readonly DiaryDay[], today: string): Week[] {
  const weeks = new Map<string, Week>();
  for (const d of days) {
    const monday = addDays(d.date, -weekdayIndex(d.date));
    let w = weeks.get(monday);
    if (!w) weeks.set(monday, w = { monday, days: [], total: 0, required: 0 });
    w.days.push(d);
    w.total += d.totalMinutes;
    // Required only up to today, as the month's balance counts it.
    if (d.date <= today) w.required += Math.max(0, d.requiredMinutes - d.absenceMinutes);
  }
  return [...weeks.values()];
}

/**
 * My month on a phone: a compact list, one line per day (date, entrance–exit, total), grouped in
 * weeks with each week's total against its required hours so far. A day opens as on the table.
 * Shown instead of the days table at phone width (diary.css hides the table there).
 */
export function MonthWeekList({ days, tz, today, onOpenDay }: MonthWeekListProps) {
  const phone = usePhoneWidth();
  if (!days || !phone) return null;
  return (
    <div className="diary-weeks">
      {weeksOf(days, today).map((w) => {
        const first = w.days[0]?.date ?? w.monday;
        const last = w.days.at(-1)?.date ?? w.monday;
        return (
          <section key={w.monday} className="diary-weeks__week" aria-label={t('Week of {from} to {to}', { from: longDate(first), to: longDate(last) })}>
            <h3 className="diary-weeks__head">
              <span>{shortDate(first)} – {shortDate(last)}</span>
              <span className="diary-weeks__sum">{hours(w.total)} <span className="muted">/ {hours(w.required)}</span></span>
            </h3>
            <ul className="diary-weeks__days">
              {w.days.map((d) => (
                <li key={d.date} className={cx('diary-weeks__day', d.date === today && 'diary-weeks__day--today', d.date > today && 'diary-weeks__day--future')}>
                  <button type="button" className="diary-weeks__open" onClick={() => onOpenDay(d.date)}>
                    <span className="diary-weeks__date">{weekdayShort(d.date)} {shortDate(d.date)}<span className="visually-hidden"> {t('Open {value1}', { value1: longDate(d.date) })}</span></span>
                    <span className="diary-weeks__span muted">
                      {d.holiday ?? d.absence?.kind ?? (d.entrance ? `${localTime(d.entrance, tz)}–${d.running ? t('running') : d.exit ? (localDate(d.exit, tz) === d.date ? localTime(d.exit, tz) : '24:00') : ''}` : '')}
                    </span>
                    <span className="diary-weeks__total">{d.date > today ? '' : hours(d.totalMinutes)}{d.flagged || (d.violations?.length ?? 0) > 0 ? ' ⚑' : ''}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
