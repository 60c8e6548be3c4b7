import { useDraft } from '../../../lib/drafts';
import { NOTE_DRAFT_KIND, NoteValueSchema } from '../lib/note-draft';

/**
 * The running session's note as typed in the Stop or Switch dialog, mirrored to the device on
 * every keystroke (lib/drafts). `confirm()` (after the server saved it) forgets it; closing the
 * dialog keeps the text but no longer reopens the dialog after a sign-in. `initialNote`: the note the
 * running session already has (written while working, PATCH /api/timer): the dialog starts from it.
 */
export function useNoteDraft(entryId: string, initialNote = '') {
  const draft = useDraft(NOTE_DRAFT_KIND, entryId, { initial: () => ({ note: initialNote }), schema: NoteValueSchema, worthKeeping: (value, open) => open || value.note !== '' });
  return {
    note: draft.value.note,
    setNote: (note: string) => draft.setValue({ note }),
    confirm: draft.confirm,
    keepClosed: draft.keepClosed,
  };
}
