import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { parseExport, type ParsedRow } from './index.ts';
import { parseHours, parseTimeText, slashStyleOf } from './fields.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name));
const clock = (r: ParsedRow | undefined) => (r?.kind === 'clock' ? `${r.start.date} ${r.start.time}:${String(r.start.seconds).padStart(2, '0')} → ${r.end.date} ${r.end.time}:${String(r.end.seconds).padStart(2, '0')}` : null);

describe('Toggl Track detailed report', () => {
  it('reads a quoted file with a byte-order mark, an Amount column and a note across two lines', async () => {
    const out = await parseExport('toggl', fixture('toggl-detailed.csv'));
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(out.rows[0]).toMatchObject({ person: 'anna.berger@example.com', client: 'acme ltd', project: 'Website relaunch', task: 'Design', note: 'Wireframes, first draft' });
    expect(out.rows[1]?.note).toBe('Call with "Acme" team');
    expect(clock(out.rows[3])).toBe('2026-03-03 22:00:00 → 2026-03-04 01:30:00');
    expect(out.rows[3]?.note).toBe('Night shift,\nsecond line');
  });

  it('reads an unquoted file without a BOM or Amount column, with "Member" and decimal durations (times win)', async () => {
    const out = await parseExport('toggl', fixture('toggl-plain.csv'));
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => [r.row, r.person, r.task])).toEqual([[2, 'anna.berger@example.com', 'Support'], [3, 'ben.schulz@example.com', '']]);
    expect(clock(out.rows[1])).toBe('2026-03-05 08:00:00 → 2026-03-05 08:45:30');
  });

  it('refuses a file without the start time column on row 1', async () => {
    const out = await parseExport('toggl', Buffer.from('User,Email,Client,Project,Start date,End date,End time\nA,a@x.example,C,P,2026-03-02,2026-03-02,10:00\n'));
    expect(out.errors).toEqual([{ row: 1, code: 'MISSING_COLUMN', message: expect.stringContaining('"start time"') }]);
  });

  it('reports a bad date and a bad time on their lines', async () => {
    const csv = 'User,Email,Client,Project,Task,Description,Start date,Start time,End date,End time\n'
      + 'A,a@x.example,C,P,,,2026-02-30,09:00:00,2026-02-30,10:00:00\nA,a@x.example,C,P,,,2026-03-02,25:00:00,2026-03-02,10:00:00\n';
    const out = await parseExport('toggl', Buffer.from(csv));
    expect(out.errors.map((e) => [e.row, e.code])).toEqual([[2, 'INVALID_DATE'], [3, 'INVALID_TIME']]);
  });
});

describe('Clockify detailed report', () => {
  it('detects month/day/year and a 12-hour clock from the whole file; Approval columns are ignored', async () => {
    const out = await parseExport('clockify', fixture('clockify-detailed.csv'));
    expect(out.errors).toEqual([]);
    expect(out.rows.map(clock)).toEqual([
      '2026-03-16 09:00:00 → 2026-03-16 11:45:00',
      '2026-03-16 12:30:00 → 2026-03-16 13:15:00',
      '2026-03-17 08:30:00 → 2026-03-17 10:00:00',
    ]);
    expect(out.rows[2]).toMatchObject({ client: '', project: 'Onboarding', task: '' });
  });

  it('detects day/month/year with 24-hour times, without the optional columns', async () => {
    const csv = 'Project,Client,Description,User,Email,Start Date,Start Time,End Date,End Time\nP,C,,Anna,a@x.example,17/03/2026,14:00,17/03/2026,15:30\nP,C,,Anna,a@x.example,02/03/2026,09:00:00,02/03/2026,10:00:00\n';
    const out = await parseExport('clockify', Buffer.from(csv));
    expect(out.rows.map(clock)).toEqual(['2026-03-17 14:00:00 → 2026-03-17 15:30:00', '2026-03-02 09:00:00 → 2026-03-02 10:00:00']);
  });

  it('refuses a file whose dates read both ways, on row 1, instead of guessing', async () => {
    const out = await parseExport('clockify', fixture('clockify-ambiguous.csv'));
    expect(out.rows).toEqual([]);
    expect(out.errors).toEqual([{ row: 1, code: 'DATE_FORMAT_AMBIGUOUS', message: expect.stringContaining('day/month/year') }]);
  });

  it('refuses a file mixing AM/PM and 24-hour times', async () => {
    const csv = 'Project,Client,User,Email,Start Date,Start Time,End Date,End Time\nP,C,A,a@x.example,2026-03-02,09:00 AM,2026-03-02,13:00\n';
    expect((await parseExport('clockify', Buffer.from(csv))).errors[0]?.code).toBe('DATE_FORMAT_AMBIGUOUS');
  });
});

describe('Kimai export', () => {
  it('reads English headers with commas; an end before the start is on the next day', async () => {
    const out = await parseExport('kimai', fixture('kimai-en.csv'));
    expect(out.errors).toEqual([]);
    expect(out.rows[0]).toMatchObject({ person: 'anna.berger@example.com', client: 'Acme Ltd', task: 'Development', note: 'Contact form' });
    expect(clock(out.rows[1])).toBe('2026-03-10 23:00:00 → 2026-03-11 01:15:00');
  });

  it('reads German headers with semicolons and dotted dates', async () => {
    const out = await parseExport('kimai', fixture('kimai-de.csv'));
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => [r.row, r.client, r.task, r.note])).toEqual([
      [2, 'Acme Ltd', 'Entwicklung', 'Kontaktformular, Validierung'],
      [3, 'Müller & Söhne KG', 'Beratung', 'Jahresabschluss; Belege'],
    ]);
    expect(clock(out.rows[0])).toBe('2026-03-11 08:15:00 → 2026-03-11 10:45:00');
  });

  it('reads the Excel export with real date and time cells', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Datum', 'Von', 'Bis', 'Dauer', 'Benutzer', 'E-Mail', 'Kunde', 'Projekt', 'Tätigkeit', 'Beschreibung'],
      [new Date(Date.UTC(2026, 2, 12)), 9 / 24, 11.5 / 24, '2:30', 'anna', 'anna.berger@example.com', 'Acme Ltd', 'Website relaunch', 'Entwicklung', 'Suche'],
    ], { cellDates: true, UTC: true });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, ws, 'Export');
    const out = await parseExport('kimai', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => [r.row, clock(r)])).toEqual([[2, '2026-03-12 09:00:00 → 2026-03-12 11:30:00']]);
  });
});

describe('Harvest time report', () => {
  it('reads hours in either locale and names instead of emails', async () => {
    const out = await parseExport('harvest', fixture('harvest-time-report.csv'));
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => (r.kind === 'day' ? [r.row, r.person, r.date, r.minutes] : null))).toEqual([
      [2, 'Anna Berger', '2026-03-09', 90], [3, 'Anna Berger', '2026-03-09', 45], [4, 'Anna Berger', '2026-03-09', 135], [5, 'Ben Schulz', '2026-03-09', 90],
    ]);
  });

  it('reports hours that are no duration', async () => {
    const csv = 'Date,Client,Project,Task,Notes,Hours,First Name,Last Name\n2026-03-09,C,P,T,,abc,Anna,Berger\n2026-03-09,C,P,T,,0,Anna,Berger\n';
    expect((await parseExport('harvest', Buffer.from(csv))).errors.map((e) => [e.row, e.code])).toEqual([[2, 'INVALID_DURATION'], [3, 'INVALID_DURATION']]);
  });
});

describe('fields', () => {
  it('reads times, hours and date styles', () => {
    expect(parseTimeText('12:05 AM', true)).toEqual({ time: '00:05', seconds: 0 });
    expect(parseTimeText('12:05:09 pm', true)).toEqual({ time: '12:05', seconds: 9 });
    expect(parseTimeText('9:05', true)).toBeNull();
    expect(parseTimeText('9:05 PM', false)).toBeNull();
    expect(parseHours('1,25')).toBe(75);
    expect(parseHours('2:05')).toBe(125);
    expect(slashStyleOf(['01/02/2026', '01/13/2026'])).toBe('mdy');
    expect(slashStyleOf(['13/02/2026', '01/13/2026'])).toBe('mixed');
    expect(slashStyleOf(['02/02/2026', '2026-03-01'])).toBe('dmy');
  });
});
