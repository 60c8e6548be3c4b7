import { describe, expect, it } from 'vitest';
import { exportLabel, localizeColumns } from './export-labels.ts';

describe('export labels', () => {
  it('speaks German for every German locale and English otherwise', () => {
    expect(exportLabel('de-DE', 'Date')).toBe('Datum');
    expect(exportLabel('de-CH', 'Monday')).toBe('Montag');
    expect(exportLabel('en-GB', 'Date')).toBe('Date');
    expect(exportLabel(null, 'Labor sheet')).toBe('Labor sheet');
  });

  it('keeps an untranslated word in English and leaves the other column fields alone', () => {
    expect(exportLabel('de-DE', 'Brand-new column')).toBe('Brand-new column');
    const value = (r: { n: number }) => r.n;
    expect(localizeColumns([{ header: 'Hours', kind: 'hours', value }], 'de-DE')).toEqual([{ header: 'Stunden', kind: 'hours', value }]);
  });
});
