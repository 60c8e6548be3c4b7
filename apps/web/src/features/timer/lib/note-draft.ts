import { z } from 'zod';
import { clearDraft, listDrafts, readDraft, writeDraft } from '../../../lib/drafts';

/**
 * The Stop dialog's note, kept on the device per user and per running entry (lib/drafts, kind
 * 'stop') until the server confirms the stop: it survives a failed request, a lost connection, a
 * reload, an expired session (the dialog reopens after signing in again) and a stop from another tab.
 */
export type NoteDraft = { note: string; /** the Note dialog was open when the page went away */ open: boolean };

export const NOTE_DRAFT_KIND = 'stop';
export const NoteValueSchema = z.object({ note: z.string().catch('') });

export function readNoteDraft(userId: string, entryId: string): NoteDraft | null {
  const kept = readDraft(NOTE_DRAFT_KIND, userId, entryId, NoteValueSchema);
  return kept ? { note: kept.value.note, open: kept.open } : null;
}

export function writeNoteDraft(userId: string, entryId: string, draft: NoteDraft): void {
  writeDraft(NOTE_DRAFT_KIND, userId, entryId, !draft.note && !draft.open ? null : { value: { note: draft.note }, open: draft.open });
}

export function clearNoteDraft(userId: string, entryId: string): void {
  clearDraft(NOTE_DRAFT_KIND, userId, entryId);
}

/** Every kept note of this user, by entry id (drafts of sessions that may have ended meanwhile). */
export function listNoteDrafts(userId: string): Array<{ entryId: string } & NoteDraft> {
  return listDrafts(NOTE_DRAFT_KIND, userId, NoteValueSchema).map((d) => ({ entryId: d.id, note: d.value.note, open: d.open }));
}
