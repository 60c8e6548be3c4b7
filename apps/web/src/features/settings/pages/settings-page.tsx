import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useCurrentUser } from '../../../lib/current-user';
import { CustomerTimerSettingsModal } from '../components/customer-timer-settings-modal';
import { AbsenceKindsCard } from '../components/absence-kinds-card';
import { HolidaysCard } from '../components/holidays-card';
import { ModulesCard } from '../components/modules-card';
import { PayrollCard } from '../components/payroll-card';
import { MyRulesCard } from '../components/my-rules-card';
import { CustomerTimerCard, PeopleLinksCard } from '../components/settings-cards';
import '../settings.css';
import { translate as t } from '../../../lib/i18n/i18n';

/** `?open=customer-timer` opens the wizard at Step 1, `?open=categories` at Step 2 (e.g. from the timer's gear). */
export const SETTINGS_OPEN_PARAM = 'open';

export function SettingsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const open = params.get(SETTINGS_OPEN_PARAM);
  const wizardStep = open === 'categories' ? 2 : open === 'customer-timer' ? 1 : null;

  const openWizard = (which: 'customer-timer' | 'categories') => setParams((p) => {
    p.set(SETTINGS_OPEN_PARAM, which);
    return p;
  });
  const closeWizard = () => setParams((p) => {
    p.delete(SETTINGS_OPEN_PARAM);
    return p;
  }, { replace: true });

  if (me.role !== 'ADMIN') {
    return (
      <>
        <PageHeader title={t('My rules')} subtitle={t('Your work rules, as your administrator set them. They are checked on every stop and entry.')} />
        <div className="settings-grid settings-grid--single">
          <MyRulesCard userId={me.id} />
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('Settings')} subtitle={t('{name}: work rules, categories, modules and people.', { name: me.organization.name })} />
      <div className="settings-grid">
        <CustomerTimerCard onOpen={openWizard} />
        <ModulesCard />
        <HolidaysCard />
        <AbsenceKindsCard />
        <PayrollCard />
        <PeopleLinksCard />
      </div>
      {wizardStep !== null ? (
        <CustomerTimerSettingsModal
          // Opening at another step starts the wizard afresh.
          key={wizardStep}
          open
          me={me}
          initialStep={wizardStep}
          onClose={closeWizard}
        />
      ) : null}
    </>
  );
}
