import { useEffect, useRef, useState } from 'react';
import type { ZodType } from 'zod';
import { useCurrentUser } from './current-user';

/**
 * What a user typed into a form, kept on this device per user, per kind of form and per thing
 * (`wd.draft.<kind>.<userId>.<id>`) until the server confirms the write. It survives a failed
 * request, a lost connection, a reload and an expired session. `open` says the form was open when
 * the page went away, so the page can bring the form back (e.g. after signing in again).
 * The Stop dialog's note ('stop') and the entry form ('entry') keep their drafts here.
 */
export type Kept<T> = { value: T; open: boolean };

const PREFIX = 'wd.draft.';
const storageKey = (kind: string, userId: string, id: string) => `${PREFIX}${kind}.${userId}.${id}`;

export function readDraft<T>(kind: string, userId: string, id: string, schema: ZodType<T>): Kept<T> | null {
  try {
    const raw = localStorage.getItem(storageKey(kind, userId, id));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { open, ...rest } = parsed as Record<string, unknown>;
    const value = schema.safeParse(rest);
    return value.success ? { value: value.data, open: open === true } : null;
  } catch {
    return null;
  }
}

/** Stores the draft (its value's fields and `open` side by side); `null` forgets it. */
export function writeDraft<T extends object>(kind: string, userId: string, id: string, draft: Kept<T> | null): void {
  try {
    if (draft === null) localStorage.removeItem(storageKey(kind, userId, id));
    else localStorage.setItem(storageKey(kind, userId, id), JSON.stringify({ ...draft.value, open: draft.open }));
  } catch {
    // Storage full or blocked: the form still works, the draft is just not kept.
  }
}

export function clearDraft(kind: string, userId: string, id: string): void {
  writeDraft(kind, userId, id, null);
}

/** Every kept draft of this kind of form for this user, with the id it was kept under. */
export function listDrafts<T>(kind: string, userId: string, schema: ZodType<T>): Array<{ id: string } & Kept<T>> {
  const prefix = storageKey(kind, userId, '');
  const ids: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const k = localStorage.key(i);
      if (k?.startsWith(prefix)) ids.push(k.slice(prefix.length));
    }
  } catch {
    // Storage blocked: nothing was kept.
  }
  return ids.flatMap((id) => {
    const draft = readDraft(kind, userId, id, schema);
    return draft ? [{ id, ...draft }] : [];
  });
}

export type DraftOptions<T> = {
  /** The form's values when nothing was kept. */
  initial: () => T;
  schema: ZodType<T>;
  /** Whether these values are worth keeping (e.g. not the untouched form), open or closed. Default: always. */
  worthKeeping?: (value: T, open: boolean) => boolean;
};

/**
 * A form's values, mirrored to the device on every change while the form is open. `confirm()`
 * (after the server saved them) forgets them; `keepClosed()` keeps them but no longer brings the
 * form back by itself; `discard()` starts over from `initial`. `restored`: the values came from
 * an earlier draft.
 */
export function useDraft<T extends object>(kind: string, id: string, { initial, schema, worthKeeping = () => true }: DraftOptions<T>) {
  const me = useCurrentUser();
  const [start] = useState(() => {
    const kept = readDraft(kind, me.id, id, schema);
    return kept ? { value: kept.value, restored: true } : { value: initial(), restored: false };
  });
  const [value, setValue] = useState<T>(start.value);
  const [restored, setRestored] = useState(start.restored);
  // A confirmed or closed draft must not be written again by the effect below.
  const settled = useRef(false);
  const keep = useRef(worthKeeping);
  keep.current = worthKeeping;
  useEffect(() => {
    if (settled.current) return;
    writeDraft(kind, me.id, id, keep.current(value, true) ? { value, open: true } : null);
  }, [kind, me.id, id, value]);
  return {
    value,
    setValue,
    restored,
    confirm: () => {
      settled.current = true;
      clearDraft(kind, me.id, id);
    },
    keepClosed: () => {
      settled.current = true;
      writeDraft(kind, me.id, id, keep.current(value, false) ? { value, open: false } : null);
    },
    discard: () => {
      setRestored(false);
      setValue(initial());
    },
  };
}
