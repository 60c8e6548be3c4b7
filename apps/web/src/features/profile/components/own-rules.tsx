import { formatMinutes, type WorkRulesView } from '@workdiary/shared';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The caller's work rules, read-only: what the server checks on every stop and entry. */
export function OwnRules({ rules }: { rules: WorkRulesView }) {
  const week = rules.requiredMinutes.reduce((a, b) => a + b, 0);
  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>
        {rules.inherited ? 'The organisation’s default rules apply to you.' : 'Your administrator set these rules for you.'} Only an
        administrator can change them.
      </p>
      <div className="data-table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Required hours per weekday</caption>
          <thead>
            <tr>
              {DAYS.map((d) => <th key={d} scope="col" className="align-center">{d}</th>)}
              <th scope="col" className="align-center">Week</th>
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
        <div><dt>Note on stop</dt><dd>{rules.noteRequired ? 'Required' : 'Optional'}</dd></div>
        <div><dt>Minimum session</dt><dd>{rules.minSessionMinutes === 0 ? 'None' : plural(rules.minSessionMinutes, 'minute')}</dd></div>
        <div><dt>Maximum session</dt><dd>{plural(rules.maxSessionHours, 'hour')} (longer timers are flagged for review)</dd></div>
        <div><dt>Overlapping sessions</dt><dd>{rules.allowOverlap ? 'Allowed' : 'Not allowed'}</dd></div>
      </dl>
    </div>
  );
}
