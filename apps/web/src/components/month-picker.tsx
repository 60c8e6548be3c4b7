import { addMonths, MonthSchema } from '@workdiary/shared';
import { useId } from 'react';
import { IconButton } from './icon-button';
import { ChevronLeftIcon, ChevronRightIcon } from './icons';

export type MonthPickerProps = {
  /** 'YYYY-MM' */
  value: string;
  onChange: (month: string) => void;
  label?: string;
  /** 'YYYY-MM' bounds, inclusive. */
  min?: string;
  max?: string;
};

/** ‹ [month input] › — arrows step one month; the input accepts a typed YYYY-MM where month inputs are unsupported. */
export function MonthPicker({ value, onChange, label = 'Month', min, max }: MonthPickerProps) {
  const inputId = useId();
  // A value that is not (yet) a month has no neighbours: the arrows then keep it.
  const isMonth = MonthSchema.safeParse(value).success;
  const previous = isMonth ? addMonths(value, -1) : value;
  const next = isMonth ? addMonths(value, 1) : value;
  return (
    <div className="month-picker" role="group" aria-label={label}>
      <IconButton
        label="Previous month"
        icon={<ChevronLeftIcon />}
        onClick={() => onChange(previous)}
        disabled={min !== undefined && previous < min}
      />
      <label htmlFor={inputId} className="visually-hidden">{label}</label>
      <input
        id={inputId}
        type="month"
        className="input month-picker__input"
        value={value}
        min={min}
        max={max}
        placeholder="YYYY-MM"
        pattern="\d{4}-\d{2}"
        onChange={(event) => {
          const month = event.target.value;
          if (MonthSchema.safeParse(month).success) onChange(month);
        }}
      />
      <IconButton
        label="Next month"
        icon={<ChevronRightIcon />}
        onClick={() => onChange(next)}
        disabled={max !== undefined && next > max}
      />
    </div>
  );
}
