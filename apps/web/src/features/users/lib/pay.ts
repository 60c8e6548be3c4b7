import { formatMoney, type Pay } from '@workdiary/shared';

/** "€24.00 / hour" or "€3,500.00 / month", and the overtime factor when it is not 1. */
export function formatPay(pay: Pay, currency: string, locale?: string): { amount: string; overtime: string } {
  const amount =
    pay.type === 'HOURLY'
      ? `${pay.hourlyRate === null || pay.hourlyRate === undefined ? '—' : formatMoney(pay.hourlyRate, currency, locale)} / hour`
      : `${pay.monthlyBase === null || pay.monthlyBase === undefined ? '—' : formatMoney(pay.monthlyBase, currency, locale)} / month`;
  return { amount, overtime: `overtime × ${pay.overtimeFactor.toLocaleString(locale)}` };
}
