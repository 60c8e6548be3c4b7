import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { cx } from '../lib/cx';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'black-icon';

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** primary = green, danger = red, secondary = white outlined (default), ghost = text, black-icon = black square (+). */
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  /** Disables the button and shows a spinner (and `loadingText` instead of the label, e.g. "Saving…"). */
  loading?: boolean;
  loadingText?: string;
  /** Leading icon, e.g. `<PlayIcon />`. */
  icon?: ReactNode;
  block?: boolean;
  ref?: Ref<HTMLButtonElement>;
};

export function Button({
  variant = 'secondary',
  size = 'md',
  loading = false,
  loadingText,
  icon,
  block = false,
  className,
  disabled,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={cx('btn', `btn--${variant}`, size === 'sm' && 'btn--sm', block && 'btn--block', className)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? <Spinner size="sm" decorative /> : icon}
      {loading && loadingText ? loadingText : children}
    </button>
  );
}
