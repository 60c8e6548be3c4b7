import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

export type BadgeTone = 'neutral' | 'success' | 'danger' | 'warning' | 'info';

export type BadgeProps = {
  children: ReactNode;
  tone?: BadgeTone;
  /** A leading dot; `pulse` animates it (e.g. the live "At Work" badge). */
  dot?: boolean | 'pulse';
  title?: string;
  className?: string;
};

export function Badge({ children, tone = 'neutral', dot = false, title, className }: BadgeProps) {
  return (
    <span className={cx('badge', `badge--${tone}`, className)} title={title}>
      {dot ? <span className={cx('badge__dot', dot === 'pulse' && 'badge__dot--pulse')} aria-hidden="true" /> : null}
      {children}
    </span>
  );
}
