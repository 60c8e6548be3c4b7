import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title';
import { ChevronLeftIcon } from './icons';

export type PageHeaderProps = {
  /** The page's h1; a string also becomes the tab title ("… · Workdiary"). */
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons on the right (e.g. black "+", Export). */
  actions?: ReactNode;
  back?: { to: string; label: string };
  /** Tab title when `title` is not a plain string. */
  documentTitle?: string;
};

export function PageHeader({ title, subtitle, actions, back, documentTitle }: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? (typeof title === 'string' ? title : undefined));
  return (
    <div className="page-header">
      <div className="page-header__text">
        {back ? (
          <Link to={back.to} className="page-header__back">
            <ChevronLeftIcon size={16} /> {back.label}
          </Link>
        ) : null}
        <h1 className="page-header__title">{title}</h1>
        {subtitle ? <p className="page-header__subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
