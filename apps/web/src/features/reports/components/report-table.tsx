import type { ReportGroupBy } from '@workdiary/shared';
import { useState } from 'react';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ChevronDownIcon, ChevronRightIcon } from '../../../components/icons';
import { formatNumber, hours, money } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';
import { groupName, type LabelledGroup } from '../lib/report-labels';

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
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const [first, second] = groupBy;
  const expandable = groups.filter((g) => (g.children?.length ?? 0) > 0);
  const allOpen = expandable.length > 0 && expandable.every((g) => open.has(g.key));
  const toggle = (key: string) => setOpen((current) => {
    const next = new Set(current);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  const share = (minutes: number) => (totals.minutes > 0 ? `${formatNumber((minutes / totals.minutes) * 100, { maximumFractionDigits: 1 })} %` : '—');
  const amount = (g: { amount: number; billableMinutes: number }) => (g.billableMinutes > 0 || g.amount !== 0 ? money(g.amount, currency) : '—');
  const firstName = first ? groupName(first) : '';
  const heading = second ? `${firstName} / ${groupName(second)}` : firstName;
  const L = { hours: t('Hours'), billable: t('Billable hours'), amount: t('Amount'), share: t('Share of total') };

  const cells = (g: { minutes: number; billableMinutes: number; amount: number }) => (
    <>
      <td className="align-right" data-label={L.hours}>{hours(g.minutes)}</td>
      <td className="align-right" data-label={L.billable}>{hours(g.billableMinutes)}</td>
      <td className="align-right" data-label={L.amount}>{amount(g)}</td>
      <td className="align-right" data-label={L.share}>{share(g.minutes)}</td>
    </>
  );

  return (
    <Card
      title={title}
      flush
      className="report-table"
      actions={second && expandable.length > 0 ? (
        <Button size="sm" variant="ghost" onClick={() => setOpen(allOpen ? new Set() : new Set(expandable.map((g) => g.key)))}>
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
            {groups.map((g) => {
              const children = g.children ?? [];
              const isOpen = open.has(g.key);
              return [
                <tr key={g.key} className="report-row">
                  <th scope="row" data-label={firstName}>
                    {children.length > 0 ? (
                      <button type="button" className="report-row__toggle" aria-expanded={isOpen} onClick={() => toggle(g.key)}>
                        {isOpen ? <ChevronDownIcon size={16} /> : <ChevronRightIcon size={16} />}
                        <span>{g.displayLabel}</span>
                      </button>
                    ) : g.displayLabel}
                  </th>
                  {cells(g)}
                </tr>,
                ...(isOpen ? children.map((c) => (
                  <tr key={`${g.key}/${c.key}`} className="report-row report-row--child">
                    <th scope="row" data-label={second ? groupName(second) : ''}>
                      <span className="report-row__child-label">{c.displayLabel}</span>
                    </th>
                    {cells(c)}
                  </tr>
                )) : []),
              ];
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" data-label={firstName}>{t('Total')}</th>
              {cells(totals)}
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
