import { PageHeader } from '../../../components/page-header';
import { useT } from '../../../lib/i18n/i18n';
import { ImportHistory } from '../components/import-history';
import { ImportWizard } from '../components/import-wizard';
import '../components/imports.css';

/** /settings/imports (admins): bring hours over from Toggl, Clockify, Kimai or Harvest, and undo an import. */
export function ImportsPage() {
  const t = useT();
  return (
    <div className="imports-page">
      <PageHeader title={t('Imports')} back={{ to: '/settings', label: t('Settings') }} />
      <ImportWizard />
      <ImportHistory />
    </div>
  );
}
