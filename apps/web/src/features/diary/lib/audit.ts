import { WorkEntrySchema, type AuditEvent } from '@workdiary/shared';
import type { z } from 'zod';
import { localDate, localTime } from '../../../components/entries/entry-time';
import { shortDate } from './format';
import { translate as t } from '../../../lib/i18n/i18n';

/** Audit snapshots are wire entries; read them leniently (older snapshots may lack fields). */
const SnapshotSchema = WorkEntrySchema.partial().passthrough();
export type Snapshot = z.infer<typeof SnapshotSchema>;

export function snapshotOf(value: unknown): Snapshot | null {
  if (value === null || value === undefined) return null;
  const parsed = SnapshotSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type Change = { field: string; from: string; to: string };

/** The English message of each action: "{name} changed the session" (German puts the verb last). */
const VERBS: Record<AuditEvent['action'], () => string> = {
  CREATE: () => t('{name} added the session', { name: '\u0000' }),
  START: () => t('{name} started the timer', { name: '\u0000' }),
  STOP: () => t('{name} stopped the timer', { name: '\u0000' }),
  UPDATE: () => t('{name} changed the session', { name: '\u0000' }),
  DELETE: () => t('{name} deleted the session', { name: '\u0000' }),
  IMPORT: () => t('{name} imported the session', { name: '\u0000' }),
};

/** The action sentence split around the actor's name, in the active language: ['', ' changed the session']. */
export function verbOf(action: AuditEvent['action']): [before: string, after: string] {
  const [before = '', after = ''] = VERBS[action]().split('\u0000');
  return [before, after];
}

/** An instant as the org's wall clock: '17:30', with the date when it is not `onDate`. */
export function wallTime(iso: string | null | undefined, tz: string, onDate?: string): string {
  if (!iso) return t('running');
  const date = localDate(iso, tz);
  return date === onDate ? localTime(iso, tz) : `${shortDate(date)} ${localTime(iso, tz)}`;
}

/** '09:00–17:30 · Acme Ltd · Regular Hours' */
export function sessionSummary(s: Snapshot | null, tz: string, onDate?: string): string {
  if (!s) return '';
  const parts = [`${wallTime(s.startedAt, tz, onDate)}–${wallTime(s.stoppedAt, tz, onDate)}`];
  if (s.customer?.name) parts.push(s.customer.name);
  if (s.category?.name) parts.push(s.category.name);
  return parts.join(' · ');
}

/** What an UPDATE (or STOP) changed, field by field, in words a person reads. */
export function changesOf(event: AuditEvent, tz: string, onDate?: string): Change[] {
  const before = snapshotOf(event.before);
  const after = snapshotOf(event.after);
  if (!before || !after) return [];
  const changes: Change[] = [];
  const add = (field: string, from: string, to: string) => {
    if (from !== to) changes.push({ field, from, to });
  };
  add(t('Entrance'), wallTime(before.startedAt, tz, onDate), wallTime(after.startedAt, tz, onDate));
  add(t('Exit'), wallTime(before.stoppedAt, tz, onDate), wallTime(after.stoppedAt, tz, onDate));
  add(t('User'), before.user?.name ?? before.userId ?? '', after.user?.name ?? after.userId ?? '');
  add(t('Customer'), before.customer?.name ?? '', after.customer?.name ?? '');
  add(t('Category'), before.category?.name ?? '', after.category?.name ?? '');
  add(t('Note'), before.note ?? '', after.note ?? '');
  return changes;
}
