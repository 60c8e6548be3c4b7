import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title';

export type StatusPageProps = {
  code?: string;
  title: string;
  message: ReactNode;
  actions?: ReactNode;
  icon?: ReactNode;
};

/** The frame shared by the 403, 404 and error pages. */
export function StatusPage({ code, title, message, actions, icon }: StatusPageProps) {
  useDocumentTitle(title);
  return (
    <div className="status-page">
      <div className="card status-page__card">
        {icon ? <div className="status-page__icon" aria-hidden="true">{icon}</div> : null}
        {code ? <p className="status-page__code">{code}</p> : null}
        <h1 className="status-page__title">{title}</h1>
        <div className="status-page__message">{message}</div>
        {actions ? <div className="status-page__actions">{actions}</div> : null}
      </div>
    </div>
  );
}
