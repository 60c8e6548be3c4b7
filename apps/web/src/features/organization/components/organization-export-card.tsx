import { Card } from '../../../components/card';
import { ExportButton } from '../../../components/export-button';
import { translate as t } from '../../../lib/i18n/i18n';
import { downloadOrganizationExport } from '../api/organization';

/** The whole organisation as a download: what it takes along when it moves or leaves. */
export function OrganizationExportCard() {
  return (
    <Card title={t('Export everything')}>
      <p className="muted">
        {t('Every customer, category, user (without passwords), entry, absence, month state and audit event as CSV files in one zip, with a manifest describing them. Any spreadsheet or script can read them; no Workdiary needed.')}
      </p>
      {/* A short label: buttons do not wrap, and the long one scrolled the page sideways at 390 px in German. */}
      <ExportButton onExport={downloadOrganizationExport}>{t('Download (zip)')}</ExportButton>
    </Card>
  );
}
