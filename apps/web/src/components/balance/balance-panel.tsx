import { useState } from 'react';
import { Button } from '../button';
import { Card } from '../card';
import { ErrorState } from '../error-state';
import { useT } from '../../lib/i18n/i18n';
import './balance.css';
import { signedHours, useBalance } from './balance-api';
import { CorrectionModal } from './correction-modal';

type Props = { userId: string; month: string; canCorrect: boolean };

/**
 * The overtime account at a month: opening, this month (worked − required), corrections and
 * closing. Managers book a correction or payout from here.
 */
export function BalancePanel({ userId, month, canCorrect }: Props) {
  const t = useT();
  const query = useBalance(userId, month);
  const [open, setOpen] = useState(false);
  const o = query.data?.overtime;
  return (
    <Card
      title={t('Overtime account')}
      actions={canCorrect ? <Button size="sm" onClick={() => setOpen(true)}>{t('Correction or payout…')}</Button> : undefined}
    >
      {query.isError && !o ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} title={t('Could not load the balance')} />
      ) : (
        <dl className="diary-stats" aria-label={t('Overtime account')} aria-busy={query.isPending || undefined}>
          <BalanceStat label={t('Opening')} minutes={o?.openingMinutes} testId="balance-opening" />
          <BalanceStat label={t('This month')} minutes={o?.deltaMinutes} testId="balance-delta" />
          {o && o.correctionMinutes !== 0 ? <BalanceStat label={t('Corrections')} minutes={o.correctionMinutes} testId="balance-corrections" /> : null}
          <BalanceStat label={t('Closing')} minutes={o?.closingMinutes} testId="balance-closing" />
        </dl>
      )}
      {canCorrect ? <CorrectionModal open={open} userId={userId} month={month} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

function BalanceStat({ label, minutes, testId }: { label: string; minutes: number | undefined; testId: string }) {
  return (
    <div className={minutes !== undefined && minutes < 0 ? 'diary-stat diary-stat--negative' : 'diary-stat'}>
      <dt className="diary-stat__label">{label}</dt>
      <dd className="diary-stat__value" data-testid={testId}>{minutes === undefined ? '…' : signedHours(minutes)}</dd>
    </div>
  );
}
