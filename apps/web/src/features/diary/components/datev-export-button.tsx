import { useState } from 'react';
import { Link } from 'react-router';
import type { DatevIncompleteDetails } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { DownloadIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { useT } from '../../../lib/i18n/i18n';
import { downloadDatevLodas } from '../api/exports';

/** The setting names of `details.settings` → what the Settings page calls them. */
function settingLabel(t: ReturnType<typeof useT>, key: string): string {
  switch (key) {
    case 'datevConsultantNumber': return t('DATEV consultant number');
    case 'datevClientNumber': return t('DATEV client number');
    case 'wageTypes.worked': return t('Wage type for hours worked');
    case 'wageTypes.overtime': return t('Wage type for overtime');
    case 'wageTypes.vacation': return t('Wage type for vacation');
    case 'wageTypes.sick': return t('Wage type for sick leave');
    default: return key;
  }
}

function detailsOf(error: unknown): DatevIncompleteDetails | null {
  if (!isApiError(error, 'DATEV_INCOMPLETE')) return null;
  const d = error.details as Partial<DatevIncompleteDetails> | undefined;
  return { users: Array.isArray(d?.users) ? d.users : [], settings: Array.isArray(d?.settings) ? d.settings : [] };
}

/**
 * "DATEV LODAS" beside the payroll export: downloads the month's LODAS file (approved months). When
 * the server cannot write it (people without a personnel number, missing payroll settings) a
 * dialog lists them: nobody is silently left out of payroll.
 */
export function DatevExportButton({ month }: { month: string }) {
  const t = useT();
  const me = useCurrentUser();
  const [busy, setBusy] = useState(false);
  const [incomplete, setIncomplete] = useState<DatevIncompleteDetails | null>(null);

  async function run() {
    if (busy) return;
    setBusy(true);
    try {
      const name = await downloadDatevLodas(month);
      toast.success(t('Downloaded {name}', { name }));
    } catch (error) {
      const details = detailsOf(error);
      if (details) setIncomplete(details);
      else toast.error(getErrorMessage(error), { title: t('Export failed') });
    } finally {
      setBusy(false);
    }
  }

  const isAdmin = me.role === 'ADMIN';
  return (
    <>
      <Button icon={<DownloadIcon size={16} />} onClick={() => void run()} loading={busy} loadingText={t('Exporting…')}
        aria-label={t('DATEV LODAS file for payroll (approved months)')}>
        {t('DATEV LODAS')}
      </Button>
      <Modal
        open={incomplete !== null}
        title={t('The DATEV file cannot be written yet')}
        onClose={() => setIncomplete(null)}
        size="md"
        footer={<Button onClick={() => setIncomplete(null)}>{t('Close')}</Button>}
      >
        {incomplete ? (
          <div className="stack datev-incomplete" role="alert">
            {incomplete.users.length > 0 ? (
              <section>
                <h3 className="datev-incomplete__title">
                  {t('{count, plural, one {# person has} other {# people have}} hours this month but no personnel number:', { count: incomplete.users.length })}
                </h3>
                <ul className="datev-incomplete__list" aria-label={t('People without a personnel number')}>
                  {incomplete.users.map((u) => <li key={u.id}>{u.name}</li>)}
                </ul>
                <p className="muted">
                  {isAdmin
                    ? <>{t('Add it in each person’s user form.')} <Link to="/users" onClick={() => setIncomplete(null)}>{t('Open users')}</Link></>
                    : t('An administrator adds it in each person’s user form.')}
                </p>
              </section>
            ) : null}
            {incomplete.settings.length > 0 ? (
              <section>
                <h3 className="datev-incomplete__title">{t('Payroll settings missing:')}</h3>
                <ul className="datev-incomplete__list" aria-label={t('Missing payroll settings')}>
                  {incomplete.settings.map((s) => <li key={s}>{settingLabel(t, s)}</li>)}
                </ul>
                <p className="muted">
                  {isAdmin
                    ? <>{t('Set them under Settings → Payroll (DATEV LODAS).')} <Link to="/settings" onClick={() => setIncomplete(null)}>{t('Open settings')}</Link></>
                    : t('An administrator sets them under Settings → Payroll (DATEV LODAS).')}
                </p>
              </section>
            ) : null}
          </div>
        ) : null}
      </Modal>
    </>
  );
}
