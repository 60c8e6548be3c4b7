import type { ReactNode } from 'react';
import { cx } from '../lib/cx';
import { translate } from '../lib/i18n/i18n';

export type FieldBaseProps = {
  label: ReactNode;
  /** Shown under the control in red and linked with aria-describedby; also sets aria-invalid. */
  error?: string | null;
  /** Help text under the control. */
  hint?: ReactNode;
  /** Keeps the label for screen readers only (e.g. a search box with a visible icon). */
  hideLabel?: boolean;
};

/** The ids and ARIA attributes a control needs to point at its hint and error. */
export function describedBy(id: string, error?: string | null, hint?: ReactNode) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    'aria-describedby': ids || undefined,
    'aria-invalid': error ? (true as const) : undefined,
  };
}

/** Label above, control, hint, error: the frame every form field shares. */
export function FieldShell({
  id,
  label,
  error,
  hint,
  hideLabel,
  required,
  className,
  children,
}: FieldBaseProps & { id: string; required?: boolean; className?: string; children: ReactNode }) {
  return (
    <div className={cx('field', error && 'field--invalid', className)}>
      <label htmlFor={id} className={cx('field__label', hideLabel && 'visually-hidden')}>
        {label}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? <p id={`${id}-hint`} className="field__hint">{hint}</p> : null}
      {/* Schema and server messages are English ids: shown in the active language when it has them. */}
      {error ? <p id={`${id}-error`} className="field__error">{translate(error)}</p> : null}
    </div>
  );
}
