import { download } from '../../../lib/api-client';

/** The file name the server would give, used only if its Content-Disposition is missing. */
function fallbackName(...parts: string[]): string {
  const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${parts.map(slug).filter(Boolean).join('_') || 'export'}.xlsx`;
}

/** The month's payroll sheet (managers). Resolves with the saved file's name. */
export const downloadPayroll = (month: string) => download('/api/exports/diary.xlsx', fallbackName('payroll', month), { query: { month } });

/** One user's month, a row per day. */
export const downloadUserMonth = (user: { id: string; name: string }, month: string) =>
  download(`/api/exports/diary/${encodeURIComponent(user.id)}.xlsx`, fallbackName(user.name, month), { query: { month } });

/** One user's day, a row per session. */
export const downloadDay = (user: { id: string; name: string }, date: string) =>
  download(`/api/exports/diary/${encodeURIComponent(user.id)}/${encodeURIComponent(date)}.xlsx`, fallbackName(user.name, date));
