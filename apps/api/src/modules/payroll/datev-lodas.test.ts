// The LODAS file writer on its own: hours rounding, the sections, CRLF and Windows-1252.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LODAS_RECORD_DESCRIPTION, lodasFile, lodasHours, lodasPeriod, lodasText } from './datev-lodas.ts';

describe('lodasHours: minutes ÷ 60, half-up to two decimals, decimal comma', () => {
  it.each<[number, string]>([
    [0, '0,00'],
    [1, '0,02'], // 0.0166… → 0,02
    [2, '0,03'], // 0.0333… → 0,03
    [3, '0,05'], // 0.05 exactly
    [20, '0,33'],
    [40, '0,67'],
    [59, '0,98'], // 0.98333…
    [60, '1,00'],
    [10110, '168,50'],
    [1190, '19,83'],
    [600_000, '10000,00'], // no thousands separator
  ])('%i minutes → %s', (minutes, hours) => {
    expect(lodasHours(minutes)).toBe(hours);
  });

  it('agrees with Math.round on the exact quotient for every minute of a long month', () => {
    const wrong: number[] = [];
    for (let m = 0; m <= 31 * 24 * 60; m += 1) {
      const expected = Math.round((m * 100) / 60); // never a tie: m × 5 ÷ 3 is never x.5
      const [whole, cents] = lodasHours(m).split(',').map(Number);
      if ((whole as number) * 100 + (cents as number) !== expected) wrong.push(m);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses negative or fractional minutes', () => {
    expect(() => lodasHours(-1)).toThrow();
    expect(() => lodasHours(1.5)).toThrow();
  });
});

describe('the LODAS file', () => {
  const input = {
    consultantNumber: '4711',
    clientNumber: '1',
    month: '2026-02',
    lines: [
      { personnelNumber: '5', wageType: '100', minutes: 9630 },
      { personnelNumber: '5', wageType: '9999', minutes: 1 },
    ],
  };

  it('the period is the first day of the month as TT.MM.JJJJ', () => {
    expect(lodasPeriod('2026-02')).toBe('01.02.2026');
    expect(lodasPeriod('2027-12')).toBe('01.12.2027');
  });

  it('is Windows-1252 with CRLF line ends, no BOM, and reads back as written', () => {
    const bytes = lodasFile(input);
    expect(bytes.subarray(0, 13).toString('latin1')).toBe('[Allgemein]\r\n');
    // Every LF is preceded by a CR, and there is no lone CR.
    for (let i = 0; i < bytes.length; i += 1) {
      if (bytes[i] === 0x0a) expect(bytes[i - 1]).toBe(0x0d);
      if (bytes[i] === 0x0d) expect(bytes[i + 1]).toBe(0x0a);
    }
    expect(bytes.at(-2)).toBe(0x0d);
    expect(bytes.at(-1)).toBe(0x0a);
    expect(iconv.decode(bytes, 'win1252')).toBe(lodasText(input));
    expect(iconv.encode(iconv.decode(bytes, 'win1252'), 'win1252').equals(bytes)).toBe(true);
  });

  it('parses back: sections, settings, the record description and every line', () => {
    const text = iconv.decode(lodasFile(input), 'win1252');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe(''); // ends with CRLF
    const sections = new Map<string, string[]>();
    let current = '';
    for (const line of lines.slice(0, -1)) {
      const header = /^\[(.+)\]$/.exec(line);
      if (header) { current = header[1] as string; sections.set(current, []); continue; }
      if (line !== '') sections.get(current)?.push(line);
    }
    expect([...sections.keys()]).toEqual(['Allgemein', 'Satzbeschreibung', 'Bewegungsdaten']);
    expect(Object.fromEntries((sections.get('Allgemein') ?? []).map((l) => l.split('=') as [string, string]))).toEqual({
      Ziel: 'LODAS', BeraterNr: '4711', MandantenNr: '1', Datumsformat: 'TT.MM.JJJJ', Feldtrennzeichen: ';', Zahlenkomma: ',',
    });
    expect(sections.get('Satzbeschreibung')).toEqual([LODAS_RECORD_DESCRIPTION]);
    const fields = LODAS_RECORD_DESCRIPTION.split(';').slice(2, -1).map((f) => f.replace('#bwd', ''));
    const records = (sections.get('Bewegungsdaten') ?? []).map((l) => {
      const parts = l.split(';');
      expect(parts).toHaveLength(fields.length + 2); // record number, the fields, the closing ";"
      expect(parts[0]).toBe('1');
      expect(parts.at(-1)).toBe('');
      return Object.fromEntries(fields.map((f, i) => [f, parts[i + 1]]));
    });
    expect(records).toEqual([
      { abrechnung_zeitraum: '01.02.2026', bs_wert_butab: '160,50', pnr: '5', la_eigene: '100', bs_nr: '1', kostenstelle: '' },
      { abrechnung_zeitraum: '01.02.2026', bs_wert_butab: '0,02', pnr: '5', la_eigene: '9999', bs_nr: '1', kostenstelle: '' },
    ]);
  });

  it('a month without lines still has its three sections', () => {
    expect(lodasText({ ...input, lines: [] }).endsWith('[Bewegungsdaten]\r\n')).toBe(true);
  });
});
