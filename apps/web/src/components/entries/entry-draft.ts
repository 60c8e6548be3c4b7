import { WorkEntrySchema, type WorkEntry } from '@workdiary/shared';
import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { useCurrentUser } from '../../lib/current-user';
import { listDrafts } from '../../lib/drafts';

/**
 * The entry form's draft (lib/drafts, kind 'entry'): the typed values, kept per user and per entry
 * (an edit) or per "new" + the place the form was opened from (`origin`, e.g. a customer's
 * Working Time or a user's day), until the server saved them.
 */
export const ENTRY_DRAFT_KIND = 'entry';

export const EntryFormValuesSchema = z.object({
  userId: z.string(),
  customerId: z.string(),
  categoryId: z.string(),
  date: z.string(),
  startTime: z.string(),
  stopTime: z.string(),
  nextDay: z.boolean(),
  note: z.string(),
});
export type EntryFormValues = z.infer<typeof EntryFormValuesSchema>;

export const EntryDraftSchema = z.object({
  values: EntryFormValuesSchema,
  origin: z.string(),
  /** The edited entry as it was when the form opened (to reopen the form after a sign-in). */
  entry: WorkEntrySchema.nullable(),
});
export type EntryDraft = z.infer<typeof EntryDraftSchema>;

/** Where a draft is kept: the edited entry's id, or "new" at the form's origin. */
export const entryDraftId = (origin: string, entry: WorkEntry | null) => (entry ? entry.id : `new:${origin}`);

/**
 * Brings back an entry form that was open at `origin` when the page went away (an expired
 * session, a reload): on mount, calls `create()` or `edit(entry)` for the first such draft.
 */
export function useReopenEntryDraft(origin: string, open: { create: () => void; edit: (entry: WorkEntry) => void }): void {
  const me = useCurrentUser();
  const opener = useRef(open);
  opener.current = open;
  useEffect(() => {
    const found = listDrafts(ENTRY_DRAFT_KIND, me.id, EntryDraftSchema).find((d) => d.open && d.value.origin === origin);
    if (!found) return;
    if (found.value.entry) opener.current.edit(found.value.entry);
    else opener.current.create();
  }, [me.id, origin]);
}
