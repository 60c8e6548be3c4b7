import type { ReportGroupBy } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { translate as t } from '../../../lib/i18n/i18n';
import { useExpandedGroups } from '../hooks/use-expanded-groups';
import { groupName, type LabelledGroup } from '../lib/report-labels';
import { figureLabels, FigureCells, GroupRows } from './report-table-rows';

export type ReportTableProps = {
  groups: readonly LabelledGroup[];
  groupBy: readonly ReportGroupBy[];
  currency: string;
  totals: { minutes: number; billableMinutes: number; amount: number };
  /** Accessible name of the table. */
  caption: string;
  /** The card's heading. */
  title: string;
};

/**
 * The report as a table: a row per first-level group; with a second level, each row expands to
 * its sub-groups (a disclosure button with aria-expanded). Amounts show "—" for time no customer
 * rate applies to. On a phone each row reflows into a card (data-label).
 */
export function ReportTable({ groups, groupBy, currency, totals, caption, title }: ReportTableProps) {
  const { open, toggle, expandable, allOpen, toggleAll } = useExpandedGroups(groups);
  const [first, second] = groupBy;
  const firstName = first ? groupName(first) : '';
  const heading = second ? `${firstName} / ${groupName(second)}` : firstName;
  const L = figureLabels();

  return (
    <Card
      title={title}
      flush
      className="report-table"
      actions={second && expandable.length > 0 ? (
        <Button size="sm" variant="ghost" onClick={toggleAll}>
          {allOpen ? t('Collapse all') : t('Expand all')}
        </Button>
      ) : null}
    >
      <div className="data-table-wrap data-table-wrap--cards">
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{heading}</th>
              <th scope="col" className="align-right">{L.hours}</th>
              <th scope="col" className="align-right">{L.billable}</th>
              <th scope="col" className="align-right">{L.amount}</th>
              <th scope="col" className="align-right">{L.share}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <GroupRows
                key={g.key}
                group={g}
                isOpen={open.has(g.key)}
                onToggle={() => toggle(g.key)}
                firstName={firstName}
                secondName={second ? groupName(second) : ''}
                currency={currency}
                totalMinutes={totals.minutes}
              />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" data-label={firstName}>{t('Total')}</th>
              <FigureCells figures={totals} currency={currency} totalMinutes={totals.minutes} />
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
