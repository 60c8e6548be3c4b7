import { formatMinutes, type WorkRules } from '@workdiary/shared';
import { WEEKDAYS, WEEKDAYS_SHORT } from '../lib/hours';

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The rules in plain words, read-only (members and managers: "why was my stop refused?"). */
export function RulesSummary({ rules }: { rules: WorkRules }) {
  const week = rules.requiredMinutes.reduce((a, b) => a + b, 0);
  return (
    <div className="rules-summary">
      <table className="rules-summary__days">
        <caption className="visually-hidden">Required hours per weekday</caption>
        <thead>
          <tr>
            {WEEKDAYS_SHORT.map((d, i) => <th key={d} scope="col"><abbr title={WEEKDAYS[i]}>{d}</abbr></th>)}
            <th scope="col">Week</th>
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
        <div><dt>Note on stop</dt><dd>{rules.noteRequired ? 'Required: a stop without a note is refused' : 'Optional'}</dd></div>
        <div><dt>Minimum session</dt><dd>{rules.minSessionMinutes === 0 ? 'None' : plural(rules.minSessionMinutes, 'minute')}</dd></div>
        <div><dt>Maximum session</dt><dd>{plural(rules.maxSessionHours, 'hour')} (a longer timer still stops and is flagged for review)</dd></div>
        <div><dt>Overlapping sessions</dt><dd>{rules.allowOverlap ? 'Allowed' : 'Not allowed'}</dd></div>
      </dl>
    </div>
  );
}
