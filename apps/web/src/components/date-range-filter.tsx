import { useId } from 'react';
import { cx } from '../lib/cx';
import { translate as t } from '../lib/i18n/i18n';

export type DateRange = { from: string; to: string };

export type DateRangeFilterProps = {
  /** 'YYYY-MM-DD' or '' for an open end. */
  from: string;
  to: string;
  onChange: (range: DateRange) => void;
  label?: string;
  className?: string;
};

/**
 * From / To date inputs. The range never turns inside out: moving one end past the other moves
 * the other end along, so callers never get from > to.
 */
export function DateRangeFilter({ from, to, onChange, label = t('Date range'), className }: DateRangeFilterProps) {
  const id = useId();
  return (
    <fieldset className={cx('date-range', className)}>
      <legend className="visually-hidden">{label}</legend>
      <div className="date-range__field">
        <label htmlFor={`${id}-from`} className="field__label">{t('From')}</label>
        <input
          id={`${id}-from`}
          type="date"
          className="input"
          value={from}
          onChange={(event) => {
            const nextFrom = event.target.value;
            onChange({ from: nextFrom, to: nextFrom && to && nextFrom > to ? nextFrom : to });
          }}
        />
      </div>
      <div className="date-range__field">
        <label htmlFor={`${id}-to`} className="field__label">{t('To')}</label>
        <input
          id={`${id}-to`}
          type="date"
          className="input"
          value={to}
          onChange={(event) => {
            const nextTo = event.target.value;
            onChange({ from: nextTo && from && nextTo < from ? nextTo : from, to: nextTo });
          }}
        />
      </div>
    </fieldset>
  );
}
