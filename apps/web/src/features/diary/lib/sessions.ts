import type { Session, WorkEntry } from '@workdiary/shared';

/** Wire entries (ISO strings) as the shared time math's sessions (Dates). */
export function toSessions(entries: readonly Pick<WorkEntry, 'startedAt' | 'stoppedAt'>[]): Session[] {
  return entries.map((e) => ({ startedAt: new Date(e.startedAt), stoppedAt: e.stoppedAt === null ? null : new Date(e.stoppedAt) }));
}
