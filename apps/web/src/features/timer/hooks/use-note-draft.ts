import { useEffect, useState } from 'react';
import { useCurrentUser } from '../../../lib/current-user';
import { clearNoteDraft, readNoteDraft, writeNoteDraft } from '../lib/note-draft';

/**
 * The running session's note as typed in the Stop or Switch dialog, mirrored to the device on
 * every keystroke. `confirm()` (after the server saved it) forgets it; closing the dialog keeps
 * the text but no longer reopens the dialog after a sign-in.
 */
export function useNoteDraft(entryId: string) {
  const me = useCurrentUser();
  const [note, setNote] = useState(() => readNoteDraft(me.id, entryId)?.note ?? '');
  useEffect(() => {
    writeNoteDraft(me.id, entryId, { note, open: true });
  }, [me.id, entryId, note]);
  return {
    note,
    setNote,
    confirm: () => clearNoteDraft(me.id, entryId),
    keepClosed: () => writeNoteDraft(me.id, entryId, { note, open: false }),
  };
}
