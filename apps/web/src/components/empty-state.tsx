import type { ReactNode } from 'react';

export type EmptyStateProps = {
  title: string;
  message?: ReactNode;
  /** e.g. a black "+" button to add the first item. */
  action?: ReactNode;
  icon?: ReactNode;
};

export function EmptyState({ title, message, action, icon }: EmptyStateProps) {
  return (
    <div className="state-block">
      {icon ? <div className="state-block__icon" aria-hidden="true">{icon}</div> : null}
      <p className="state-block__title">{title}</p>
      {message ? <p className="state-block__message">{message}</p> : null}
      {action ? <div className="state-block__action">{action}</div> : null}
    </div>
  );
}
