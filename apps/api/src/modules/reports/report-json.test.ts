import { text } from 'node:stream/consumers';
import { ReportSchema, type Report } from '@workdiary/shared';
import { describe, expect, it } from 'vitest';
import { SLICE } from '../../lib/loop-slices.ts';
import { reportJsonStream } from './report-json.ts';

const group = (key: string, minutes: number) => ({ key, label: `Name ${key}`, minutes, billableMinutes: minutes - 1, amount: minutes * 2 });

function report(groups: Report['groups']): Report {
  return {
    from: '2026-11-01', to: '2026-11-02', groupBy: ['customer', 'user'], currency: 'EUR',
    totalMinutes: 10, totalBillableMinutes: 9, totalAmount: 20, groups,
    series: [{ date: '2026-11-01', minutes: 4 }, { date: '2026-11-02', minutes: 6 }],
    filters: { userId: null, customerId: 'c"1', categoryId: null },
  };
}

describe('the report as streamed JSON', () => {
  it('is the text the response schema writes, for no groups, one level, and children over several slices', async () => {
    const many = Array.from({ length: 3 }, (_, i) => ({
      ...group(`c${i}`, 100 + i),
      children: Array.from({ length: SLICE }, (_, j) => group(`u${j} "quoted" ü`, j)),
    }));
    for (const r of [report([]), report([group('a', 1), group('b', 2)]), report(many)]) {
      const streamed = await text(reportJsonStream(r));
      expect(streamed).toBe(JSON.stringify(ReportSchema.parse(r)));
      expect(JSON.parse(streamed)).toEqual(r);
    }
  });
});
