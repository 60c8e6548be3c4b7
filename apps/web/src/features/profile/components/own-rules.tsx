import { formatMinutes, type WorkRulesView } from '@workdiary/shared';
import { translate as t } from '../../../lib/i18n/i18n';
import { weekdayShort } from '../../../lib/format';

/** Mon … Sun in the active language (1 January 2024 was a Monday). */
const days = () => Array.from({ length: 7 }, (_, i) => weekdayShort(`2024-01-0${i + 1}`));

/** The caller's work rules, read-only: what the server checks on every stop and entry. */
export function OwnRules({ rules }: { rules: WorkRulesView }) {
  const week = rules.requiredMinutes.reduce((a, b) => a + b, 0);
  const DAYS = days();
  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>
        {rules.inherited ? t('The organisation’s default rules apply to you.') : t('Your administrator set these rules for you.')} {t('Only an administrator can change them.')}
      </p>
      <div className="data-table-wrap" role="region" aria-label={t('Required hours per weekday')} tabIndex={0}>
        <table className="data-table">
          <caption className="visually-hidden">{t('Required hours per weekday')}</caption>
          <thead>
            <tr>
              {DAYS.map((d) => <th key={d} scope="col" className="align-center">{d}</th>)}
              <th scope="col" className="align-center">{t('Week')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {rules.requiredMinutes.map((m, i) => <td key={DAYS[i]} className="align-center">{formatMinutes(m)}</td>)}
              <td className="align-center"><strong>{formatMinutes(week)}</strong></td>
            </tr>
          </tbody>
        </table>
      </div>
      <dl className="profile-facts">
        <div><dt>{t('Note on stop')}</dt><dd>{rules.noteRequired ? t('Required') : t('Optional')}</dd></div>
        <div><dt>{t('Minimum session')}</dt><dd>{rules.minSessionMinutes === 0 ? t('None') : t('{count, plural, one {# minute} other {# minutes}}', { count: rules.minSessionMinutes })}</dd></div>
        <div><dt>{t('Maximum session')}</dt><dd>{t('{count, plural, one {# hour} other {# hours}}', { count: rules.maxSessionHours })} {t('(longer timers are flagged for review)')}</dd></div>
        <div><dt>{t('Overlapping sessions')}</dt><dd>{rules.allowOverlap ? t('Allowed') : t('Not allowed')}</dd></div>
      </dl>
    </div>
  );
}
