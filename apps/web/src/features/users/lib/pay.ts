import type { Pay } from '@workdiary/shared';
import { formatNumber, money } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

/** "€24.00 / hour" or "3.500,00 € / Monat", and the overtime factor when it is not 1. */
export function formatPay(pay: Pay, currency: string): { amount: string; overtime: string } {
  const amount =
    pay.type === 'HOURLY'
      ? t('{amount} / hour', { amount: pay.hourlyRate === null || pay.hourlyRate === undefined ? '—' : money(pay.hourlyRate, currency) })
      : t('{amount} / month', { amount: pay.monthlyBase === null || pay.monthlyBase === undefined ? '—' : money(pay.monthlyBase, currency) });
  return { amount, overtime: t('overtime × {factor}', { factor: formatNumber(pay.overtimeFactor, { maximumFractionDigits: 2 }) }) };
}
