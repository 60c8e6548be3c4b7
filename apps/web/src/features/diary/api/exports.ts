import { download } from '../../../lib/api-client';
import { xlsxFallbackName as fallbackName } from '../../../lib/file-name';

/** The month's payroll sheet (managers). Resolves with the saved file's name. */
export const downloadPayroll = (month: string) => download('/api/exports/diary.xlsx', fallbackName('payroll', month), { query: { month } });

/** The month's working-time findings (ArbZG), for the employer's records. */
export const downloadCompliance = (month: string) => download('/api/compliance.xlsx', fallbackName('working-time-law', month), { query: { month } });

/** One user's month, a row per day. */
export const downloadUserMonth = (user: { id: string; name: string }, month: string) =>
  download(`/api/exports/diary/${encodeURIComponent(user.id)}.xlsx`, fallbackName(user.name, month), { query: { month } });

/** One user's day, a row per session. */
export const downloadDay = (user: { id: string; name: string }, date: string) =>
  download(`/api/exports/diary/${encodeURIComponent(user.id)}/${encodeURIComponent(date)}.xlsx`, fallbackName(user.name, date));

/** The month's hours as a DATEV LODAS import file (managers); approved months only. */
export const downloadDatevLodas = (month: string) =>
  download('/api/exports/payroll/datev-lodas.txt', `datev-lodas_${month}.txt`, { query: { month } });
