import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { cx } from '../lib/cx';
import { describedBy } from './field';

export type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
};

export function Checkbox({ label, hint, error, id, className, ...rest }: CheckboxProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <div className={cx('checkbox', error && 'field--invalid', className)}>
      <input id={inputId} type="checkbox" className="checkbox__input" {...describedBy(inputId, error, hint)} {...rest} />
      <div>
        <label htmlFor={inputId} className="checkbox__label">{label}</label>
        {hint ? <p id={`${inputId}-hint`} className="field__hint">{hint}</p> : null}
        {error ? <p id={`${inputId}-error`} className="field__error">{error}</p> : null}
      </div>
    </div>
  );
}

export type SwitchProps = {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: ReactNode;
  disabled?: boolean;
  id?: string;
};

/** An on/off switch (role="switch"), e.g. the Client Timer module. */
export function Switch({ label, checked, onChange, description, disabled, id }: SwitchProps) {
  const autoId = useId();
  const switchId = id ?? autoId;
  return (
    <div className="switch-row">
      <div>
        <label htmlFor={switchId} className="checkbox__label">{label}</label>
        {description ? <p id={`${switchId}-hint`} className="field__hint">{description}</p> : null}
      </div>
      <button
        id={switchId}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-describedby={description ? `${switchId}-hint` : undefined}
        disabled={disabled}
        className={cx('switch', checked && 'switch--on')}
        onClick={() => onChange(!checked)}
      >
        <span className="switch__thumb" aria-hidden="true" />
      </button>
    </div>
  );
}
