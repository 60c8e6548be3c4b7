import { today as todayIn } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ExportButton } from '../../../components/export-button';
import { LinkIcon } from '../components/link-icon';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { cx } from '../../../lib/cx';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { translate as t } from '../../../lib/i18n/i18n';
import { serverNow } from '../../../lib/server-clock';
import { downloadReport, reportQueryOptions } from '../api/reports';
import { rangeLabel, ReportBody } from '../components/report-body';
import { presetName, ReportFilters } from '../components/report-filters';
import { ShareDialog } from '../components/share-dialog';
import { groupName } from '../lib/report-labels';
import { readView, requestOf, writeView, type ReportView } from '../lib/report-view';
import '../reports.css';

/**
 * Reports (managers and admins: everyone's time; members: "My report", their own). The whole view
 * — period, filters, grouping — lives in the URL, so a view can be bookmarked; exports and shared
 * links ask the server for exactly the view on screen.
 */
export function ReportsPage() {
  const me = useCurrentUser();
  const isManager = hasRole(me, MANAGER_ROLES);
  const [params, setParams] = useSearchParams();
  const today = todayIn(me.organization.timeZone, new Date(serverNow()));
  const view = readView(params, today);
  const request = requestOf(view);
  const report = useQuery(reportQueryOptions(request));
  const [sharing, setSharing] = useState(false);

  const setView = (next: ReportView) => setParams(writeView(next));
  const title = isManager ? t('Reports') : t('My report');
  const range = rangeLabel(view.from, view.to);
  const grouping = [view.group, view.subGroup].filter((g) => g !== null).map(groupName).join(' / ');
  const summary = t('{range}, by {grouping}', { range, grouping });
  // A new view is loading while the last one stays on screen (dimmed).
  const refreshing = report.isPlaceholderData && report.isFetching;

  let body;
  if (report.isPending) {
    body = <div className="report-state"><Spinner size="lg" label={t('Loading the report…')} /></div>;
  } else if (report.isError && !report.data) {
    body = (
      <Card>
        <ErrorState error={report.error} title={t('Could not load the report')} onRetry={() => void report.refetch()} retrying={report.isFetching} />
      </Card>
    );
  } else if (report.data.totalMinutes === 0 && !refreshing) {
    body = (
      <Card>
        <EmptyState
          title={t('No time recorded in this period')}
          message={t('Nothing matches {range} with these filters. Choose another period or fewer filters.', { range })}
        />
      </Card>
    );
  } else {
    body = (
      <div className={cx('report-content', refreshing && 'report-content--refreshing')} aria-busy={refreshing || undefined}>
        <ReportBody report={report.data} />
      </div>
    );
  }

  return (
    <div className="reports-page">
      <PageHeader
        title={title}
        subtitle={view.range === 'custom' ? range : `${presetName(view.range)} · ${range}`}
        actions={
          <>
            <div className="report-exports" role="group" aria-label={t('Export')}>
              <ExportButton label={t('Export Excel')} onExport={() => downloadReport('xlsx', request)}>{t('Excel')}</ExportButton>
              <ExportButton label={t('Export CSV')} onExport={() => downloadReport('csv', request)}>{t('CSV')}</ExportButton>
              <ExportButton label={t('Export PDF')} onExport={() => downloadReport('pdf', request)}>{t('PDF')}</ExportButton>
            </div>
            <Button variant="primary" icon={<LinkIcon size={16} />} onClick={() => setSharing(true)}>{t('Share')}</Button>
          </>
        }
      />
      <Card className="report-filters-card">
        <ReportFilters view={view} onChange={setView} isManager={isManager} today={today} />
      </Card>
      {report.isError && report.data ? (
        <div className="form-alert" role="alert">{t('This view could not be loaded; the figures shown are the previous view.')} <Button size="sm" onClick={() => void report.refetch()}>{t('Retry')}</Button></div>
      ) : null}
      {body}
      <ShareDialog open={sharing} onClose={() => setSharing(false)} request={request} summary={summary} />
    </div>
  );
}
