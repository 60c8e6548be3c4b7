import { buffer, text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Column } from './excel.ts';
import { streamXlsx, xmlText } from './xlsx-stream.ts';

type Row = { at: Date; minutes: number; who: string; note: string; pay: number };
const columns: Column<Row>[] = [
  { header: 'Date', kind: 'date', value: (r) => r.at },
  { header: 'Start', kind: 'time', value: (r) => r.at },
  { header: 'Who', kind: 'text', value: (r) => r.who },
  { header: 'Duration', kind: 'duration', value: (r) => r.minutes },
  { header: 'Hours', kind: 'hours', value: (r) => r.minutes },
  { header: 'Pay', kind: 'money', value: (r) => r.pay },
  { header: 'Note', kind: 'text', width: 40, value: (r) => r.note },
];

async function* pagesOf<T>(rows: T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const read = (file: Buffer) => {
  const wb = XLSX.read(file, { type: 'buffer', cellNF: true, cellFormula: true, cellStyles: true });
  return { wb, ws: wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet };
};

describe('streamXlsx (read back with SheetJS)', () => {
  it('writes every row of every page, in order, with the cell conventions of buildXlsx', async () => {
    const rows: Row[] = Array.from({ length: 2345 }, (_, i) => ({
      // Berlin: 2026-03-29 is the spring-forward day; rows walk across it in 37-minute steps.
      at: new Date(Date.UTC(2026, 2, 28, 20, 0) + i * 37 * 60_000), minutes: 15 + (i % 50), who: `Person ${i % 7}`, note: `n${i}`, pay: 1000 + i,
    }));
    const file = await buffer(streamXlsx({ sheetName: 'Sheet', columns, tz: 'Europe/Berlin', currency: 'EUR', totals: 'Sum', widestRow: { ...(rows[0] as Row), who: 'Person 0 with a long name' } }, pagesOf(rows, 1000)));
    const { wb, ws } = read(file);
    expect(wb.SheetNames).toEqual(['Sheet']);
    expect(ws['!ref']).toBe('A1:G2347');
    expect(ws['!autofilter']).toEqual({ ref: 'A1:G2346' });
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    expect(aoa[0]).toEqual(['Date', 'Start', 'Who', 'Duration', 'Hours', 'Pay', 'Note']);
    expect(aoa.slice(1, -1).map((r) => r[6])).toEqual(rows.map((r) => r.note));

    // Row 8 starts 2026-03-29 00:56 UTC = 01:56 CET; row 9 01:33 UTC = 03:33 CEST (the clocks went forward).
    const wall = (i: number) => XLSX.SSF.format('yyyy-mm-dd hh:mm', (ws[`A${i + 2}`]?.v as number) + (ws[`B${i + 2}`]?.v as number));
    expect(rows[8]?.at.toISOString()).toBe('2026-03-29T00:56:00.000Z');
    expect(wall(8)).toBe('2026-03-29 01:56');
    expect(wall(9)).toBe('2026-03-29 03:33');
    expect(ws.A2).toMatchObject({ t: 'n', z: 'yyyy-mm-dd' });
    expect(ws.B2).toMatchObject({ t: 'n', z: 'hh:mm' });
    expect(ws.D2).toMatchObject({ t: 'n', z: '[h]:mm' });
    expect(ws.E2).toMatchObject({ t: 'n', v: 0.25, z: '0.00' });
    expect(ws.F2).toMatchObject({ t: 'n', v: 10, z: '#,##0.00 "EUR"' });

    const total = 2347;
    const minutes = rows.reduce((s, r) => s + r.minutes, 0);
    expect(ws[`A${total}`]).toMatchObject({ t: 's', v: 'Sum' });
    expect(ws[`D${total}`]).toMatchObject({ t: 'n', f: 'SUM(D2:D2346)', z: '[h]:mm' });
    expect(ws[`D${total}`]?.v as number).toBeCloseTo(minutes / 1440, 9);
    // Hours are unrounded (shown with two places), so their total is the minutes' total in hours.
    expect(ws[`E${total}`]?.v as number).toBeCloseTo(minutes / 60, 6);
    expect(ws[`F${total}`]?.v as number).toBeCloseTo(rows.reduce((s, r) => s + r.pay, 0) / 100, 6);
    for (const col of 'BCG') expect(ws[`${col}${total}`]).toBeUndefined();

    const widths = (ws['!cols'] ?? []).map((c) => c.wch);
    expect(widths).toEqual([12, 8, 27, 10, 9, 14, 40]);
  });

  it('keeps any text as text: formulas, markup, control characters, OOXML escapes, spaces', async () => {
    const notes = ['=1+1', '<b>&amp;</b> "q" \'s\'', 'tab\there\nnew line', 'bell\u0007 and nul\u0000', 'literal _x0041_ stays', '  padded  ', '@SUM(A1)', '+1', '-1'];
    const rows = notes.map((note, i) => ({ at: new Date('2026-01-05T08:00:00Z'), minutes: i, who: 'W', note, pay: 0 }));
    const file = await buffer(streamXlsx({ sheetName: 'Notes', columns, tz: 'UTC' }, pagesOf(rows, 4)));
    const { ws } = read(file);
    notes.forEach((note, i) => {
      const cell = ws[`G${i + 2}`];
      expect(cell?.t).toBe('s');
      expect(cell?.f).toBeUndefined();
      // XML 1.0 cannot carry NUL or BEL: they arrive as the characters Excel writes for them.
      expect(cell?.v).toBe(note);
    });
  });

  it('an empty sheet has a header and a zero totals row without formulas', async () => {
    const { ws } = read(await buffer(streamXlsx({ sheetName: 'Empty', columns, tz: 'UTC' }, pagesOf<Row>([], 10))));
    expect(ws['!ref']).toBe('A1:G2');
    expect(ws.A2).toMatchObject({ t: 's', v: 'Total' });
    expect(ws.D2).toMatchObject({ t: 'n', v: 0 });
    expect(ws.D2?.f).toBeUndefined();
  });

  it('freezes the header row, like buildXlsx', async () => {
    const file = await buffer(streamXlsx({ sheetName: 'Frozen', columns, tz: 'UTC' }, pagesOf<Row>([], 10)));
    const sheet = XLSX.CFB.find(XLSX.CFB.read(file, { type: 'buffer' }), '/xl/worksheets/sheet1.xml');
    expect(Buffer.from(sheet?.content ?? []).toString('utf8')).toContain('<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it('fails the stream when reading a page fails', async () => {
    async function* failing(): AsyncGenerator<Row[]> {
      yield [{ at: new Date(), minutes: 1, who: 'a', note: 'b', pay: 1 }];
      throw new Error('database went away');
    }
    await expect(text(streamXlsx({ sheetName: 'X', columns, tz: 'UTC' }, failing()))).rejects.toThrow('database went away');
  });

  it('escapes what XML cannot carry', () => {
    expect(xmlText('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    expect(xmlText('x\u0001y _x0041_')).toBe('x_x0001_y _x005F_x0041_');
  });
});
