import { formatMinutes, type WorkRules } from '@workdiary/shared';
import { weekdays, weekdaysShort } from '../lib/hours';
import { translate as t } from '../../../lib/i18n/i18n';


/** The rules in plain words, read-only (members and managers: "why was my stop refused?"). */
export function RulesSummary({ rules }: { rules: WorkRules }) {
  const week = rules.requiredMinutes.reduce((a, b) => a + b, 0);
  const WEEKDAYS = weekdays();
  const WEEKDAYS_SHORT = weekdaysShort();
  return (
    <div className="rules-summary">
      <table className="rules-summary__days">
        <caption className="visually-hidden">{t('Required hours per weekday')}</caption>
        <thead>
          <tr>
            {WEEKDAYS_SHORT.map((d, i) => <th key={d} scope="col"><abbr title={WEEKDAYS[i]}>{d}</abbr></th>)}
            <th scope="col">{t('Week')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {rules.requiredMinutes.map((m, i) => <td key={WEEKDAYS[i]}>{formatMinutes(m)}</td>)}
            <td><strong>{formatMinutes(week)}</strong></td>
          </tr>
        </tbody>
      </table>
      <dl className="rules-summary__list">
        <div><dt>{t('Note on stop')}</dt><dd>{rules.noteRequired ? t('Required: a stop without a note is refused') : t('Optional')}</dd></div>
        <div><dt>{t('Minimum session')}</dt><dd>{rules.minSessionMinutes === 0 ? t('None') : t('{count, plural, one {# minute} other {# minutes}}', { count: rules.minSessionMinutes })}</dd></div>
        <div><dt>{t('Maximum session')}</dt><dd>{t('{count, plural, one {# hour} other {# hours}}', { count: rules.maxSessionHours })} {t('(a longer timer still stops and is flagged for review)')}</dd></div>
        <div><dt>{t('Overlapping sessions')}</dt><dd>{rules.allowOverlap ? t('Allowed') : t('Not allowed')}</dd></div>
      </dl>
    </div>
  );
}
