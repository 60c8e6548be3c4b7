import { describe, expect, it } from 'vitest';
import { presetRange, readView, requestOf, writeView } from './report-view';

describe('presetRange', () => {
  it('works out every preset around a day in January (year and quarter boundaries)', () => {
    const today = '2027-01-06'; // a Wednesday
    expect(presetRange('this-week', today)).toEqual({ from: '2027-01-04', to: '2027-01-10' });
    expect(presetRange('last-week', today)).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(presetRange('this-month', today)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(presetRange('last-month', today)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('this-quarter', today)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(presetRange('last-quarter', today)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetRange('this-year', today)).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(presetRange('last-year', today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('knows February in a leap year and a week that starts on the day itself', () => {
    expect(presetRange('last-month', '2028-03-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('this-week', '2026-11-16')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetRange('this-week', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });
});

describe('readView / writeView', () => {
  const today = '2026-11-18';
  it('falls back to this month by customer on anything malformed', () => {
    const view = readView(new URLSearchParams('range=yesterday&groupBy=project,customer&from=2026-13-01&to=x&userId='), today);
    expect(view).toEqual({ range: 'this-month', from: '2026-11-01', to: '2026-11-30', group: 'customer', subGroup: null, userId: null, customerId: null, categoryId: null });
  });

  it('drops a second group equal to the first and a custom range that runs backwards', () => {
    expect(readView(new URLSearchParams('groupBy=user,user'), today).subGroup).toBeNull();
    expect(readView(new URLSearchParams('from=2026-11-10&to=2026-11-01'), today).range).toBe('this-month');
  });

  it('round-trips a view through the URL, and asks the API with its own names', () => {
    const params = new URLSearchParams('from=2026-10-05&to=2026-10-20&groupBy=category,week&customerId=c-1');
    const view = readView(params, today);
    expect(writeView(view).toString()).toBe(params.toString());
    expect(requestOf(view)).toEqual({ from: '2026-10-05', to: '2026-10-20', groupBy: 'category,week', customerId: 'c-1' });
    expect(writeView(readView(new URLSearchParams('range=last-quarter'), today)).toString()).toBe('range=last-quarter&groupBy=customer');
  });
});
