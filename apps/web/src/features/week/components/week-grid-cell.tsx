import { formatMinutes } from '@workdiary/shared';
import { useT } from '../../../lib/i18n/i18n';
import { editable, type WeekGridState } from '../hooks/use-week-grid';
import { cellMinutes, type WeekRow } from '../lib/week';

type CellProps = {
  grid: WeekGridState;
  row: WeekRow;
  /** The row's and the day's index. */
  ri: number;
  ci: number;
  /** The cell's name: 'Customer · Category, Day'. */
  label: string;
  onOpenSessions: (row: WeekRow, day: number) => void;
};

/** One day of one row: its time on a button (the roving tab stop), or the input while it is edited. */
export function WeekGridCell({ grid, row, ri, ci, label, onOpenSessions }: CellProps) {
  const active = ri === grid.r && ci === grid.c;
  const busy = grid.saving?.r === ri && grid.saving.c === ci;
  return (
    <td role="gridcell" className="week-grid__num" aria-busy={busy || undefined}>
      {active && grid.editing ? (
        <input
          className="input week-grid__input"
          autoFocus
          aria-label={label}
          aria-invalid={grid.invalid || undefined}
          inputMode="decimal"
          value={grid.editing.text}
          placeholder="h:mm"
          onChange={(e) => grid.setEditing({ text: e.target.value })}
          onKeyDown={grid.onInputKey}
          onBlur={() => grid.setEditing(null)}
        />
      ) : (
        <CellButton grid={grid} row={row} ri={ri} ci={ci} label={label} onOpenSessions={onOpenSessions} active={active} busy={busy} />
      )}
    </td>
  );
}

function CellButton({ grid, row, ri, ci, label, onOpenSessions, active, busy }: CellProps & { active: boolean; busy: boolean }) {
  const t = useT();
  const cell = row.cells[ci] ?? [];
  const minutes = cellMinutes(row, ci);
  const canEdit = editable(row, ci);
  return (
    <button
      type="button"
      ref={(el) => {
        if (el) grid.cellRefs.current.set(`${ri}:${ci}`, el);
        else grid.cellRefs.current.delete(`${ri}:${ci}`);
      }}
      tabIndex={active ? 0 : -1}
      className={`week-grid__cell${cell.length > 1 ? ' week-grid__cell--many' : ''}`}
      aria-label={`${label}: ${cell.length > 1 ? `${formatMinutes(minutes)} ×${cell.length}` : minutes ? formatMinutes(minutes) : t('empty')}${row.partial[ci] ? `. ${t('Part of a session over midnight')}` : ''}`}
      title={cell.length > 1 ? t('{count} sessions, {time}', { count: cell.length, time: formatMinutes(minutes) }) : row.partial[ci] ? t('Part of a session over midnight') : undefined}
      onFocus={() => grid.setPos({ r: ri, c: ci })}
      onClick={() => {
        grid.setPos({ r: ri, c: ci });
        if (!canEdit) onOpenSessions(row, ci);
      }}
      onDoubleClick={() => canEdit && grid.setEditing({ text: minutes ? formatMinutes(minutes) : '' })}
      onKeyDown={(e) => grid.onCellKey(e, row)}
    >
      {busy ? '…' : minutes || cell.length ? formatMinutes(minutes) : ''}
      {cell.length > 1 ? <span className="week-grid__count"> ×{cell.length}</span> : row.partial[ci] ? <span className="week-grid__count" aria-hidden="true"> ↔</span> : null}
    </button>
  );
}
