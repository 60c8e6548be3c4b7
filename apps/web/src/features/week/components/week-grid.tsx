import { formatMinutes } from '@workdiary/shared';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../../lib/i18n/i18n';
import { cellMinutes, dayTotalsOf, parseCellTime, type WeekRow } from '../lib/week';

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

type Pos = { r: number; c: number };

/** A cell one person edits by hand: empty, or ONE finished manual session wholly on that day. */
export const editable = (row: WeekRow, day: number) => {
  const cell = row.cells[day] ?? [];
  return cell.length === 0 || (cell.length === 1 && cell[0]?.source === 'MANUAL' && cell[0].stoppedAt !== null && !row.partial[day]);
};

/**
 * The timesheet: customer × category rows, day columns, cells in h:mm. A spreadsheet's keys: the
 * arrows move, Enter (or typing) edits, Enter saves, Escape cancels, Tab saves and moves right.
 * One cell is in the tab order (roving tabindex).
 */
export function WeekGrid({ rows, days, visible, dayLabel, required, onCommit, onOpenSessions }: WeekGridProps) {
  const t = useT();
  const [pos, setPos] = useState<Pos>({ r: 0, c: visible[0] ?? 0 });
  const [editing, setEditing] = useState<{ text: string } | null>(null);
  const [saving, setSaving] = useState<Pos | null>(null);
  const cellRefs = useRef(new Map<string, HTMLButtonElement>());
  const focusNext = useRef(false);

  const r = Math.min(pos.r, Math.max(rows.length - 1, 0));
  const c = visible.includes(pos.c) ? pos.c : (visible[0] ?? 0);

  useEffect(() => {
    if (!focusNext.current || editing) return;
    focusNext.current = false;
    cellRefs.current.get(`${r}:${c}`)?.focus();
  }, [r, c, editing]);

  const move = (dr: number, dc: number) => {
    const ci = visible.indexOf(c);
    const nc = visible[Math.min(Math.max(ci + dc, 0), visible.length - 1)] ?? c;
    const nr = Math.min(Math.max(r + dr, 0), rows.length - 1);
    focusNext.current = true;
    setPos({ r: nr, c: nc });
  };

  const startEdit = (row: WeekRow, text: string | null) => {
    if (!editable(row, c)) {
      onOpenSessions(row, c);
      return;
    }
    const minutes = cellMinutes(row, c);
    setEditing({ text: text ?? (minutes ? formatMinutes(minutes) : '') });
  };

  const commit = async (then: () => void) => {
    const row = rows[r];
    if (!row || !editing) return;
    const minutes = parseCellTime(editing.text);
    if (minutes === null) return;
    const oldMinutes = cellMinutes(row, c);
    setEditing(null);
    focusNext.current = true;
    then();
    if (minutes === oldMinutes) return;
    setSaving({ r, c });
    try {
      await onCommit(row, c, minutes);
    } catch {
      // The page shows the refusal; the cell keeps its time.
    } finally {
      setSaving(null);
    }
  };

  const onCellKey = (event: KeyboardEvent<HTMLButtonElement>, row: WeekRow) => {
    const keys: Record<string, () => void> = {
      ArrowUp: () => move(-1, 0), ArrowDown: () => move(1, 0), ArrowLeft: () => move(0, -1), ArrowRight: () => move(0, 1),
      Home: () => move(0, -7), End: () => move(0, 7), Enter: () => startEdit(row, null), F2: () => startEdit(row, null),
      Delete: () => startEdit(row, ''), Backspace: () => startEdit(row, ''),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    } else if (/^[0-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      startEdit(row, event.key);
    }
  };

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setEditing(null);
      focusNext.current = true;
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void commit(() => move(1, 0));
    } else if (event.key === 'Tab') {
      event.preventDefault();
      void commit(() => move(0, event.shiftKey ? -1 : 1));
    }
  };

  // Cut at local midnight and floored once per day: the same figures as My month's days.
  const dayTotals = dayTotalsOf(rows, days.length);
  const weekTotal = visible.length === 7 ? dayTotals.reduce((a, b) => a + b, 0) : null;
  const weekRequired = required.every((m) => m !== null) ? required.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  const invalid = editing !== null && parseCellTime(editing.text) === null;

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
            {visible.map((ci) => {
              const cell = row.cells[ci] ?? [];
              const minutes = cellMinutes(row, ci);
              const canEdit = editable(row, ci);
              const active = ri === r && ci === c;
              const label = `${row.customer.name} · ${row.category.name}, ${dayLabel(days[ci] ?? '')}`;
              const busy = saving?.r === ri && saving.c === ci;
              return (
                <td key={ci} role="gridcell" className="week-grid__num" aria-busy={busy || undefined}>
                  {active && editing ? (
                    <input
                      className="input week-grid__input"
                      autoFocus
                      aria-label={label}
                      aria-invalid={invalid || undefined}
                      inputMode="decimal"
                      value={editing.text}
                      placeholder="h:mm"
                      onChange={(e) => setEditing({ text: e.target.value })}
                      onKeyDown={onInputKey}
                      onBlur={() => setEditing(null)}
                    />
                  ) : (
                    <button
                      type="button"
                      ref={(el) => {
                        if (el) cellRefs.current.set(`${ri}:${ci}`, el);
                        else cellRefs.current.delete(`${ri}:${ci}`);
                      }}
                      tabIndex={active ? 0 : -1}
                      className={`week-grid__cell${cell.length > 1 ? ' week-grid__cell--many' : ''}`}
                      aria-label={`${label}: ${cell.length > 1 ? `${formatMinutes(minutes)} ×${cell.length}` : minutes ? formatMinutes(minutes) : t('empty')}${row.partial[ci] ? `. ${t('Part of a session over midnight')}` : ''}`}
                      title={cell.length > 1 ? t('{count} sessions, {time}', { count: cell.length, time: formatMinutes(minutes) }) : row.partial[ci] ? t('Part of a session over midnight') : undefined}
                      onFocus={() => setPos({ r: ri, c: ci })}
                      onClick={() => {
                        setPos({ r: ri, c: ci });
                        if (!canEdit) onOpenSessions(row, ci);
                      }}
                      onDoubleClick={() => canEdit && setEditing({ text: minutes ? formatMinutes(minutes) : '' })}
                      onKeyDown={(e) => onCellKey(e, row)}
                    >
                      {busy ? '…' : minutes || cell.length ? formatMinutes(minutes) : ''}
                      {cell.length > 1 ? <span className="week-grid__count"> ×{cell.length}</span> : row.partial[ci] ? <span className="week-grid__count" aria-hidden="true"> ↔</span> : null}
                    </button>
                  )}
                </td>
              );
            })}
            {weekTotal !== null ? (
              <td className="week-grid__num week-grid__total">{formatMinutes(days.reduce((s, _, i) => s + cellMinutes(row, i), 0))}</td>
            ) : null}
          </tr>
        ))}
      </tbody>
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
    </table>
  );
}
