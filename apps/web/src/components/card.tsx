import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

export type CardProps = {
  /** Rendered as an h2. */
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Flush body for tables that reach the card's edges. */
  flush?: boolean;
};

export function Card({ title, actions, children, className, flush = false }: CardProps) {
  return (
    <section className={cx('card', className)}>
      {title || actions ? (
        <div className="card__header">
          {title ? <h2 className="card__title">{title}</h2> : <span />}
          {actions ? <div className="card__actions">{actions}</div> : null}
        </div>
      ) : null}
      <div className={cx('card__body', flush && 'card__body--flush')}>{children}</div>
    </section>
  );
}
