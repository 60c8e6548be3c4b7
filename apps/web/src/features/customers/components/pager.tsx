import { Button } from '../../../components/button';
import { ChevronLeftIcon, ChevronRightIcon } from '../../../components/icons';
import { formatNumber } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

export type PagerProps = {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  /** e.g. "customers", "entries" */
  noun: string;
  busy?: boolean;
};

/** "51–100 of 1,234 entries" with previous / next page. Renders nothing when all fits on one page. */
export function Pager({ total, limit, offset, onChange, noun, busy = false }: PagerProps) {
  if (total <= limit && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const n = (value: number) => formatNumber(value);
  return (
    <nav className="pager" aria-label={t('Pages of {noun}', { noun })}>
      <span className="pager__status muted" aria-live="polite">
        {t('{first}–{last} of {total} {noun}', { first: n(first), last: n(last), total: n(total), noun })}
      </span>
      <div className="pager__buttons">
        <Button size="sm" icon={<ChevronLeftIcon size={16} />} disabled={offset === 0 || busy} onClick={() => onChange(Math.max(0, offset - limit))}>
          {t('Previous')}
        </Button>
        <Button size="sm" disabled={last >= total || busy} onClick={() => onChange(offset + limit)}>
          {t('Next')} <ChevronRightIcon size={16} />
        </Button>
      </div>
    </nav>
  );
}
