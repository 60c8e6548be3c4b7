import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { useOrganization } from '../api/organization';
import { ComplianceSettingsCard } from '../components/compliance-settings';
import { OrganizationExportCard } from '../components/organization-export-card';
import { OrganizationForm } from '../components/organization-form';
import '../components/organization.css';
import { translate as t } from '../../../lib/i18n/i18n';

/** /settings/organization (admins): the organisation's name, time zone and currency. */
export function OrganizationPage() {
  const org = useOrganization();
  return (
    <div className="org-page">
      <PageHeader title={t('Organisation settings')} back={{ to: '/settings', label: t('Settings') }} />
      {org.isPending ? (
        <Card><Spinner label={t('Loading the organisation…')} /></Card>
      ) : org.isError ? (
        <Card><ErrorState error={org.error} title={t('Could not load the organisation')} onRetry={() => void org.refetch()} retrying={org.isFetching} /></Card>
      ) : (
        <>
          <OrganizationForm key={org.data.id} organization={org.data} />
          <ComplianceSettingsCard key={`compliance-${org.data.id}`} organization={org.data} />
          <OrganizationExportCard />
        </>
      )}
    </div>
  );
}
