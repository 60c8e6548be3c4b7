import { useId, useState, type InputHTMLAttributes, type Ref } from 'react';
import { describedBy, FieldShell, type FieldBaseProps } from './field';

export type NumberFieldProps = FieldBaseProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'defaultValue' | 'onChange' | 'children'> & {
    /** `null` while the field is empty. */
    value: number | null;
    onValueChange: (value: number | null) => void;
    /** Unit shown after the input, e.g. "min", "h", "×". */
    suffix?: string;
    ref?: Ref<HTMLInputElement>;
  };

/** A numeric input that hands back numbers (or null when empty), not strings. */
export function NumberField({ label, error, hint, hideLabel, id, className, value, onValueChange, suffix, ...rest }: NumberFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  // Local text keeps in-between states ("1.", "-") while the value the parent holds stays a number.
  const [text, setText] = useState(value === null ? '' : String(value));
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    const typed = text.trim() === '' ? null : Number(text);
    if (typed !== value) setText(value === null ? '' : String(value));
  }

  return (
    <FieldShell id={inputId} label={label} error={error} hint={hint} hideLabel={hideLabel} required={rest.required} className={className}>
      <div className="input-with-suffix">
        <input
          id={inputId}
          type="number"
          inputMode="decimal"
          className="input"
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            if (next.trim() === '') {
              setShownValue(null);
              onValueChange(null);
              return;
            }
            const parsed = Number(next);
            if (Number.isFinite(parsed)) {
              setShownValue(parsed);
              onValueChange(parsed);
            }
          }}
          {...describedBy(inputId, error, hint)}
          {...rest}
        />
        {suffix ? <span className="input-suffix" aria-hidden="true">{suffix}</span> : null}
      </div>
    </FieldShell>
  );
}
