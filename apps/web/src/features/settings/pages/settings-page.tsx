import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ChevronRightIcon, GearIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { useCurrentUser } from '../../../lib/current-user';
import { CustomerTimerSettingsModal } from '../components/customer-timer-settings-modal';
import { AbsenceKindsCard } from '../components/absence-kinds-card';
import { HolidaysCard } from '../components/holidays-card';
import { ModulesCard } from '../components/modules-card';
import { PayrollCard } from '../components/payroll-card';
import { MyRulesCard } from '../components/my-rules-card';
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
        <Card title={t('Customer Timer')} className="settings-card settings-card--wide">
          <p className="settings-card__text">
            {t('Step 1: each user\'s work rules (required hours per weekday, note on stop, minimum and maximum session, overlaps) and the organisation defaults. Step 2: the categories people book time on.')}
          </p>
          <div className="settings-card__actions">
            <Button variant="primary" icon={<GearIcon size={16} />} onClick={() => openWizard('customer-timer')}>
              {t('Customer Timer Working settings')}
            </Button>
            <Button onClick={() => openWizard('categories')}>{t('Categories')}</Button>
          </div>
        </Card>
        <ModulesCard />
        <HolidaysCard />
        <AbsenceKindsCard />
        <PayrollCard />
        <Card title={t('People and organisation')} className="settings-card">
          <ul className="settings-links">
            <li>
              <Link to="/users" className="settings-links__link">
                <span><strong>{t('Users')}</strong><span className="muted">{t('Invite or create users, roles, pay, deactivate.')}</span></span>
                <ChevronRightIcon size={18} />
              </Link>
            </li>
            <li>
              <Link to="/settings/organization" className="settings-links__link">
                <span><strong>{t('Organisation')}</strong><span className="muted">{t('Name, time zone and currency.')}</span></span>
                <ChevronRightIcon size={18} />
              </Link>
            </li>
            <li>
              <Link to="/settings/webhooks" className="settings-links__link">
                <span><strong>{t('Webhooks')}</strong><span className="muted">{t('Tell other systems when hours change.')}</span></span>
                <ChevronRightIcon size={18} />
              </Link>
            </li>
            <li>
              <Link to="/settings/imports" className="settings-links__link">
                <span><strong>{t('Imports')}</strong><span className="muted">{t('Bring hours over from Toggl, Clockify, Kimai or Harvest.')}</span></span>
                <ChevronRightIcon size={18} />
              </Link>
            </li>
          </ul>
        </Card>
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
