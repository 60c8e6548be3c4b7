import type { ImportFormat, ImportRowCode } from '@workdiary/shared';
import { translate as t } from '../../../lib/i18n/i18n';

export type Tool = { format: ImportFormat; name: string; howTo: () => string; accept: string };

/** The four trackers, each with how to get the file out of it. */
export const TOOLS: readonly Tool[] = [
  { format: 'toggl', name: 'Toggl Track', accept: '.csv,text/csv', howTo: () => t('In Toggl Track open Reports → Detailed, choose the period, then Export → Download CSV.') },
  { format: 'clockify', name: 'Clockify', accept: '.csv,text/csv', howTo: () => t('In Clockify open Reports → Detailed, choose the period, then Export → Save as CSV. Any date and time format works as long as one day in the file is after the 12th.') },
  { format: 'kimai', name: 'Kimai', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', howTo: () => t('In Kimai open Times, filter the period, then Export → CSV or Excel, in English or German.') },
  { format: 'harvest', name: 'Harvest', accept: '.csv,text/csv', howTo: () => t('In Harvest open Reports → Time → Detailed time report, choose the period, then Export → CSV. Harvest has no clock times: each person\'s day is laid out from 08:00.') },
];

export const toolOf = (format: ImportFormat): Tool => TOOLS.find((x) => x.format === format) ?? (TOOLS[0] as Tool);

/** A short heading for each kind of error row, in the reader's language (the server's sentence follows it). */
export function rowCodeLabel(code: ImportRowCode): string {
  switch (code) {
    case 'UNKNOWN_USER': return t('Unknown person');
    case 'MONTH_LOCKED': return t('Month approved');
    case 'LOCAL_TIME_NONEXISTENT': return t('Time skipped by the clock change');
    case 'LOCAL_TIME_AMBIGUOUS': return t('Time repeated by the clock change');
    case 'ENTRY_OVERLAP': return t('Overlap');
    case 'STOP_BEFORE_START': return t('Ends before it starts');
    case 'DATE_FORMAT_AMBIGUOUS': return t('Date format unclear');
    case 'MISSING_COLUMN': return t('Column missing');
    case 'EMPTY_FILE': return t('Empty file');
    case 'INVALID_DATE': return t('Not a date');
    case 'INVALID_TIME': return t('Not a time');
    case 'INVALID_DURATION': return t('Not a duration');
    case 'MISSING_VALUE': return t('Value missing');
    case 'INVALID_NAME': return t('Name too long');
    case 'INVALID_TEXT': return t('Text not allowed');
    case 'NOTE_REQUIRED': return t('Note required');
    case 'SESSION_TOO_SHORT': return t('Too short');
    case 'SESSION_TOO_LONG': return t('Too long');
    case 'ENTRY_IN_FUTURE': return t('In the future');
  }
}
