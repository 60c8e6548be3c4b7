import { describe, expect, it } from 'vitest';
import { hoursText, parseHours } from './hours';

describe('parseHours', () => {
  it.each([
    ['8', 480], ['8:00', 480], ['7:30', 450], ['7.5', 450], ['7,5', 450], ['7h30', 450], ['7h', 420],
    [' 6 : 15 ', 375], ['0', 0], ['', 0], ['24', 1440], ['0:05', 5], ['7.25', 435],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseHours(text)).toEqual({ minutes });
  });

  it.each([
    ['eight', 'Use hours like 8, 7.5 or 7:30'], ['-1', 'Use hours like 8, 7.5 or 7:30'], ['7:75', 'Minutes must be 0–59'],
    ['25', 'At most 24 hours'], ['24:01', 'At most 24 hours'], ['1.2.3', 'Use hours like 8, 7.5 or 7:30'],
  ])('refuses %j', (text, error) => {
    expect(parseHours(text)).toEqual({ error });
  });

  it('shows minutes as h:mm', () => {
    expect(hoursText(450)).toBe('7:30');
    expect(hoursText(0)).toBe('0:00');
  });
});
