import { formatMinutes } from '@workdiary/shared';
import { useEffect, useRef, useState, type Dispatch, type KeyboardEvent, type RefObject, type SetStateAction } from 'react';
import { cellMinutes, parseCellTime, type WeekRow } from '../lib/week';

export type Pos = { r: number; c: number };

/** A cell one person edits by hand: empty, or ONE finished manual session wholly on that day. */
export const editable = (row: WeekRow, day: number) => {
  const cell = row.cells[day] ?? [];
  return cell.length === 0 || (cell.length === 1 && cell[0]?.source === 'MANUAL' && cell[0].stoppedAt !== null && !row.partial[day]);
};

type Move = (dr: number, dc: number) => void;

/** The keys on a cell: the arrows, Home and End move; Enter, F2, Delete, Backspace or a digit edit. */
function cellKeyHandler(move: Move, startEdit: (row: WeekRow, text: string | null) => void) {
  return (event: KeyboardEvent<HTMLButtonElement>, row: WeekRow) => {
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
}

/** The keys in a cell's input: Escape cancels, Enter saves and moves down, Tab saves and moves across. */
function inputKeyHandler(cancel: () => void, commit: (then: () => void) => Promise<void>, move: Move) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void commit(() => move(1, 0));
    } else if (event.key === 'Tab') {
      event.preventDefault();
      void commit(() => move(0, event.shiftKey ? -1 : 1));
    }
  };
}

export type WeekGridState = {
  /** The active cell (roving tabindex), clamped to the rows and the visible days. */
  r: number;
  c: number;
  setPos: Dispatch<SetStateAction<Pos>>;
  editing: { text: string } | null;
  setEditing: Dispatch<SetStateAction<{ text: string } | null>>;
  /** The typed text is no time. */
  invalid: boolean;
  saving: Pos | null;
  cellRefs: RefObject<Map<string, HTMLButtonElement>>;
  onCellKey: (event: KeyboardEvent<HTMLButtonElement>, row: WeekRow) => void;
  onInputKey: (event: KeyboardEvent<HTMLInputElement>) => void;
};

type Options = {
  rows: WeekRow[];
  visible: number[];
  onCommit: (row: WeekRow, day: number, minutes: number) => Promise<unknown>;
  onOpenSessions: (row: WeekRow, day: number) => void;
};

/** The week grid's state: the active cell, the cell being edited or saved, and its keys. */
export function useWeekGrid({ rows, visible, onCommit, onOpenSessions }: Options): WeekGridState {
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

  const cancel = () => {
    setEditing(null);
    focusNext.current = true;
  };

  const invalid = editing !== null && parseCellTime(editing.text) === null;
  return {
    r, c, setPos, editing, setEditing, invalid, saving, cellRefs,
    onCellKey: cellKeyHandler(move, startEdit), onInputKey: inputKeyHandler(cancel, commit, move),
  };
}
