import { useId, type InputHTMLAttributes, type Ref, type TextareaHTMLAttributes } from 'react';
import { describedBy, FieldShell, type FieldBaseProps } from './field';

export type TextFieldProps = FieldBaseProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & { ref?: Ref<HTMLInputElement> };

/** `<input>` with label, hint and error. Any input type: text, email, password, date, time, search… */
export function TextField({ label, error, hint, hideLabel, id, className, type = 'text', ...rest }: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell id={inputId} label={label} error={error} hint={hint} hideLabel={hideLabel} required={rest.required} className={className}>
      <input id={inputId} type={type} className="input" {...describedBy(inputId, error, hint)} {...rest} />
    </FieldShell>
  );
}

export type TextAreaFieldProps = FieldBaseProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> & { ref?: Ref<HTMLTextAreaElement> };

export function TextAreaField({ label, error, hint, hideLabel, id, className, rows = 4, ...rest }: TextAreaFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell id={inputId} label={label} error={error} hint={hint} hideLabel={hideLabel} required={rest.required} className={className}>
      <textarea id={inputId} rows={rows} className="input textarea" {...describedBy(inputId, error, hint)} {...rest} />
    </FieldShell>
  );
}
