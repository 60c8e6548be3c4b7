import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ChevronRightIcon, GearIcon } from '../../../components/icons';
import { translate as t } from '../../../lib/i18n/i18n';

/** The Customer Timer card: opens the settings wizard at Step 1 (work rules) or Step 2 (categories). */
export function CustomerTimerCard({ onOpen }: { onOpen: (which: 'customer-timer' | 'categories') => void }) {
  return (
    <Card title={t('Customer Timer')} className="settings-card settings-card--wide">
      <p className="settings-card__text">
        {t('Step 1: each user\'s work rules (required hours per weekday, note on stop, minimum and maximum session, overlaps) and the organisation defaults. Step 2: the categories people book time on.')}
      </p>
      <div className="settings-card__actions">
        <Button variant="primary" icon={<GearIcon size={16} />} onClick={() => onOpen('customer-timer')}>
          {t('Customer Timer Working settings')}
        </Button>
        <Button onClick={() => onOpen('categories')}>{t('Categories')}</Button>
      </div>
    </Card>
  );
}

/** Links to the pages that manage people and the organisation. */
export function PeopleLinksCard() {
  const links = [
    { to: '/users', title: t('Users'), text: t('Invite or create users, roles, pay, deactivate.') },
    { to: '/settings/organization', title: t('Organisation'), text: t('Name, time zone and currency.') },
    { to: '/settings/webhooks', title: t('Webhooks'), text: t('Tell other systems when hours change.') },
    { to: '/settings/imports', title: t('Imports'), text: t('Bring hours over from Toggl, Clockify, Kimai or Harvest.') },
  ];
  return (
    <Card title={t('People and organisation')} className="settings-card">
      <ul className="settings-links">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="settings-links__link">
              <span><strong>{link.title}</strong><span className="muted">{link.text}</span></span>
              <ChevronRightIcon size={18} />
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
