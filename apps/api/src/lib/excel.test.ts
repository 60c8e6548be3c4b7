import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildXlsx, xlsxFileName, type Column } from './excel.ts';

type Row = { day: Date; start: Date; minutes: number; note: string; pay: number };
const columns: Column<Row>[] = [
  { header: 'Date', kind: 'date', value: (r) => r.day },
  { header: 'Start', kind: 'time', value: (r) => r.start },
  { header: 'Duration', kind: 'duration', value: (r) => r.minutes },
  { header: 'Hours', kind: 'hours', value: (r) => r.minutes },
  { header: 'Note', kind: 'text', value: (r) => r.note },
  { header: 'Pay', kind: 'money', value: (r) => r.pay },
];

describe('buildXlsx', () => {
  it('writes real dates in the zone, [h]:mm durations, decimal hours, text notes and a totals row', async () => {
    const rows: Row[] = [
      // 2026-02-01 23:30 UTC is 2026-02-02 00:30 in Berlin.
      { day: new Date('2026-02-01T23:30:00Z'), start: new Date('2026-02-01T23:30:00Z'), minutes: 90, note: '=1+1', pay: 12345 },
      { day: new Date('2026-02-03T08:00:00Z'), start: new Date('2026-02-03T08:00:00Z'), minutes: 45, note: '@home -x', pay: 55 },
    ];
    const buf = await buildXlsx({ sheetName: 'Sheet', columns, rows, tz: 'Europe/Berlin', currency: 'EUR' });
    const wb = XLSX.read(buf, { type: 'buffer', cellDates: false, cellNF: true });
    const ws = wb.Sheets.Sheet as XLSX.WorkSheet;
    expect(ws.A1?.v).toBe('Date');
    expect(ws.A2?.t).toBe('n');
    expect(XLSX.SSF.format('yyyy-mm-dd', ws.A2?.v as number)).toBe('2026-02-02');
    expect(XLSX.SSF.format('hh:mm', ws.B2?.v as number)).toBe('00:30');
    expect(ws.C2?.v).toBeCloseTo(90 / 1440, 10);
    expect(ws.C2?.z).toBe('[h]:mm');
    expect(ws.D2?.v).toBe(1.5);
    expect(ws.E2).toMatchObject({ t: 's', v: '=1+1' });
    expect(ws.E2?.f).toBeUndefined();
    expect(ws.E3).toMatchObject({ t: 's', v: '@home -x' });
    expect(ws.F2?.v).toBe(123.45);
    expect(ws.A4?.v).toBe('Total');
    expect(ws.C4?.v).toBeCloseTo(135 / 1440, 10);
    expect(ws.C4?.f).toBe('SUM(C2:C3)');
    expect(ws.D4?.v).toBe(2.25);
    expect(ws.F4?.v).toBe(124);
    expect(ws['!autofilter']?.ref).toBe('A1:F3');
  });

  it('names files by what and when', () => {
    expect(xlsxFileName('Acme Ltd.', '2026-02-01', '2026-02-28')).toBe('acme-ltd_2026-02-01_2026-02-28.xlsx');
    expect(xlsxFileName('Müller & Söhne')).toBe('muller-sohne.xlsx');
  });
});
