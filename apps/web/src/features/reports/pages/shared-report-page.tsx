import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { LinkIcon } from '../components/link-icon';
import { FullPageSpinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { publicReportQueryOptions } from '../api/reports';
import { rangeLabel, ReportBody } from '../components/report-body';
import { groupName } from '../lib/report-labels';
import '../reports.css';

/**
 * A shared report (`/shared/reports/:token`), for anyone with the link: read-only, no sign-in, no
 * way into the app (no navigation, no timer). An ended or expired link says so plainly.
 */
export function SharedReportPage() {
  const { token = '' } = useParams();
  const report = useQuery(publicReportQueryOptions(token));
  const format = useFormat();

  if (report.isPending) return <FullPageSpinner label={t('Loading the report…')} />;
  if (report.isError) {
    if (isApiError(report.error, 404) || isApiError(report.error, 400)) {
      return (
        <main className="shared-report shared-report--ended" id="main">
          <SharedTitle title={t('This link has ended')} />
          {/* The status page's look, without importing it: that would split it into a chunk of its own on every page's first load. */}
          <div className="status-page">
            <div className="card status-page__card">
              <div className="status-page__icon" aria-hidden="true"><LinkIcon size={28} /></div>
              <h1 className="status-page__title">{t('This link has ended')}</h1>
              <div className="status-page__message">
                <p>{t('The person who shared this report ended the link, or it expired. Ask them for a new one if you still need it.')}</p>
              </div>
            </div>
          </div>
        </main>
      );
    }
    return (
      <main className="shared-report" id="main">
        <div className="card status-page__card shared-report__error">
          <ErrorState error={report.error} title={t('Could not load the report')} onRetry={() => void report.refetch()} retrying={report.isFetching} />
        </div>
      </main>
    );
  }

  const data = report.data;
  const range = rangeLabel(data.from, data.to);
  return (
    <div className="shared-report">
      <SharedTitle title={t('Report of {organization}', { organization: data.organization })} />
      <header className="shared-report__header">
        <div className="shared-report__inner">
          <span className="brand" aria-hidden="true"><span className="brand-mark" />{t('Workdiary')}</span>
          <span className="shared-report__badge">{t('Shared report · read-only')}</span>
        </div>
      </header>
      <main id="main" className="shared-report__main">
        <div className="page-header">
          <div className="page-header__text">
            <p className="shared-report__org">{data.organization}</p>
            <h1 className="page-header__title">{t('Report {range}', { range })}</h1>
            <p className="page-header__subtitle">
              {t('By {grouping}', { grouping: data.groupBy.map(groupName).join(' / ') })}
              {' · '}
              {t('This link works until {date}.', { date: format.dateTime(data.expiresAt) })}
            </p>
          </div>
        </div>
        {data.totalMinutes === 0 ? (
          <div className="card"><EmptyState title={t('No time recorded in this period')} /></div>
        ) : (
          <ReportBody report={data} />
        )}
      </main>
    </div>
  );
}

function SharedTitle({ title }: { title: string }) {
  useDocumentTitle(title);
  return null;
}
