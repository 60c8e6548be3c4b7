import { formatMinutes } from '@workdiary/shared';
import { useT } from '../../../lib/i18n/i18n';
import { useWeekGrid } from '../hooks/use-week-grid';
import { cellMinutes, dayTotalsOf, type WeekRow } from '../lib/week';
import { WeekGridCell } from './week-grid-cell';

export { editable } from '../hooks/use-week-grid';

export type WeekGridProps = {
  rows: WeekRow[];
  days: string[];
  /** Which day columns show (all seven; one on a phone). */
  visible: number[];
  dayLabel: (date: string) => string;
  /** Required minutes per day (null: not known yet). */
  required: Array<number | null>;
  /** A cell's new time: resolves when saved, rejects with the refusal (the cell keeps the old time). */
  onCommit: (row: WeekRow, day: number, minutes: number) => Promise<unknown>;
  /** A cell holding several sessions (or a timer's): show them instead of guessing. */
  onOpenSessions: (row: WeekRow, day: number) => void;
};

/**
 * The timesheet: customer × category rows, day columns, cells in h:mm. A spreadsheet's keys: the
 * arrows move, Enter (or typing) edits, Enter saves, Escape cancels, Tab saves and moves right.
 * One cell is in the tab order (roving tabindex).
 */
export function WeekGrid({ rows, days, visible, dayLabel, required, onCommit, onOpenSessions }: WeekGridProps) {
  const t = useT();
  const grid = useWeekGrid({ rows, visible, onCommit, onOpenSessions });

  // Cut at local midnight and floored once per day: the same figures as My month's days.
  const dayTotals = dayTotalsOf(rows, days.length);
  const weekTotal = visible.length === 7 ? dayTotals.reduce((a, b) => a + b, 0) : null;

  return (
    <table className="week-grid" role="grid" aria-label={t('Week timesheet')} aria-rowcount={rows.length + 3}>
      <thead>
        <tr>
          <th scope="col">{t('Customer · Category')}</th>
          {visible.map((i) => <th key={days[i]} scope="col" className="week-grid__num">{dayLabel(days[i] ?? '')}</th>)}
          {weekTotal !== null ? <th scope="col" className="week-grid__num">{t('Week')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, ri) => (
          <tr key={row.key}>
            <th scope="row" className="week-grid__row">
              <span className="week-grid__customer">{row.customer.name}</span>
              <span className="week-grid__category">{row.category.name}</span>
            </th>
            {visible.map((ci) => (
              <WeekGridCell key={ci} grid={grid} row={row} ri={ri} ci={ci} label={`${row.customer.name} · ${row.category.name}, ${dayLabel(days[ci] ?? '')}`} onOpenSessions={onOpenSessions} />
            ))}
            {weekTotal !== null ? (
              <td className="week-grid__num week-grid__total">{formatMinutes(days.reduce((s, _, i) => s + cellMinutes(row, i), 0))}</td>
            ) : null}
          </tr>
        ))}
      </tbody>
      <WeekGridFoot visible={visible} dayTotals={dayTotals} weekTotal={weekTotal} required={required} />
    </table>
  );
}

/** The grid's foot: each day's total and required time, and the week's when all seven days show. */
function WeekGridFoot({ visible, dayTotals, weekTotal, required }: { visible: number[]; dayTotals: number[]; weekTotal: number | null; required: Array<number | null> }) {
  const t = useT();
  const weekRequired = required.every((m) => m !== null) ? required.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  return (
    <tfoot>
      <tr>
        <th scope="row">{t('Total')}</th>
        {visible.map((i) => <td key={i} className="week-grid__num week-grid__total">{formatMinutes(dayTotals[i] ?? 0)}</td>)}
        {weekTotal !== null ? <td className="week-grid__num week-grid__total">{formatMinutes(weekTotal)}</td> : null}
      </tr>
      <tr>
        <th scope="row">{t('Required')}</th>
        {visible.map((i) => <td key={i} className="week-grid__num">{required[i] === null || required[i] === undefined ? '–' : formatMinutes(required[i])}</td>)}
        {weekTotal !== null ? <td className="week-grid__num">{weekRequired === null ? '–' : formatMinutes(weekRequired)}</td> : null}
      </tr>
    </tfoot>
  );
}
