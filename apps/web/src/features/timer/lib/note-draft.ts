/**
 * The Stop dialog's note, kept on the device per user and per running entry until the server
 * confirms the stop: it survives a failed request, a lost connection, a reload, an expired
 * session (the dialog reopens after signing in again) and a stop from another tab.
 */
export type NoteDraft = { note: string; /** the Note dialog was open when the page went away */ open: boolean };

const key = (userId: string, entryId: string) => `wd.draft.stop.${userId}.${entryId}`;

export function readNoteDraft(userId: string, entryId: string): NoteDraft | null {
  try {
    const raw = localStorage.getItem(key(userId, entryId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { note, open } = parsed as Record<string, unknown>;
    return { note: typeof note === 'string' ? note : '', open: open === true };
  } catch {
    return null;
  }
}

export function writeNoteDraft(userId: string, entryId: string, draft: NoteDraft): void {
  try {
    if (!draft.note && !draft.open) localStorage.removeItem(key(userId, entryId));
    else localStorage.setItem(key(userId, entryId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the dialog still works, the draft is just not kept.
  }
}

export function clearNoteDraft(userId: string, entryId: string): void {
  try {
    localStorage.removeItem(key(userId, entryId));
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** Every kept note of this user, by entry id (drafts of sessions that may have ended meanwhile). */
export function listNoteDrafts(userId: string): Array<{ entryId: string } & NoteDraft> {
  const prefix = `wd.draft.stop.${userId}.`;
  const found: Array<{ entryId: string } & NoteDraft> = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const k = localStorage.key(i);
      if (!k?.startsWith(prefix)) continue;
      const entryId = k.slice(prefix.length);
      const draft = readNoteDraft(userId, entryId);
      if (draft) found.push({ entryId, ...draft });
    }
  } catch {
    // Storage blocked: nothing was kept.
  }
  return found;
}
