import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { cx } from '../lib/cx';

export type IconButtonTone = 'neutral' | 'primary' | 'edit' | 'danger' | 'black';

export type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & {
  /** Accessible name and tooltip, e.g. "Edit entry". */
  label: string;
  icon: ReactNode;
  /** edit = orange pencil, danger = red trash, black = black "+" square, primary = green. */
  tone?: IconButtonTone;
  size?: 'sm' | 'md';
  ref?: Ref<HTMLButtonElement>;
};

export function IconButton({ label, icon, tone = 'neutral', size = 'md', className, type = 'button', ...rest }: IconButtonProps) {
  return (
    <button
      type={type}
      aria-label={label}
      title={label}
      className={cx('icon-btn', `icon-btn--${tone}`, size === 'sm' && 'icon-btn--sm', className)}
      {...rest}
    >
      {icon}
    </button>
  );
}
