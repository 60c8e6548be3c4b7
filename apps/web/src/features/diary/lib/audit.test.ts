import type { AuditEvent } from '@workdiary/shared';
import { describe, expect, it } from 'vitest';
import { changesOf, sessionSummary, snapshotOf } from './audit';

const TZ = 'Europe/Berlin';
const snap = (over: Record<string, unknown> = {}) => ({
  id: 'e-1', userId: 'u-1', user: { id: 'u-1', name: 'Alice' }, customer: { id: 'c-1', name: 'Acme Ltd' },
  category: { id: 'k-1', name: 'Regular Hours', archived: false }, startedAt: '2026-02-02T07:00:00.000Z', stoppedAt: '2026-02-02T16:00:00.000Z', note: '', ...over,
});
const event = (over: Partial<AuditEvent>): AuditEvent => ({
  id: 'a-1', entityId: 'e-1', action: 'UPDATE', actor: { id: 'u-2', name: 'Max' }, at: '2026-02-03T10:00:00.000Z', before: null, after: null, ...over,
});

describe('audit trail wording', () => {
  it('lists the fields an edit changed, as wall-clock times in the organisation zone', () => {
    const changes = changesOf(event({ before: snap(), after: snap({ stoppedAt: '2026-02-02T16:30:00.000Z', note: 'late fix', category: { id: 'k-2', name: 'Support', archived: false } }) }), TZ, '2026-02-02');
    expect(changes).toEqual([
      { field: 'Exit', from: '17:00', to: '17:30' },
      { field: 'Category', from: 'Regular Hours', to: 'Support' },
      { field: 'Note', from: '', to: 'late fix' },
    ]);
  });

  it('shows the date of a time that is not on the day in view', () => {
    const changes = changesOf(event({ before: snap(), after: snap({ stoppedAt: '2026-02-02T23:30:00.000Z' }) }), TZ, '2026-02-02');
    expect(changes).toEqual([{ field: 'Exit', from: '17:00', to: '03 Feb 00:30' }]);
  });

  it('summarises a snapshot and reads a running one', () => {
    expect(sessionSummary(snapshotOf(snap()), TZ, '2026-02-02')).toBe('08:00–17:00 · Acme Ltd · Regular Hours');
    expect(sessionSummary(snapshotOf(snap({ stoppedAt: null })), TZ, '2026-02-02')).toBe('08:00–running · Acme Ltd · Regular Hours');
    expect(snapshotOf('nonsense')).toBeNull();
    expect(changesOf(event({ action: 'DELETE', before: snap(), after: null }), TZ)).toEqual([]);
  });
});
