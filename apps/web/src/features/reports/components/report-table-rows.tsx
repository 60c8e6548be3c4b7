import { ChevronDownIcon, ChevronRightIcon } from '../../../components/icons';
import { formatNumber, hours, money } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';
import type { LabelledGroup } from '../lib/report-labels';

type Figures = { minutes: number; billableMinutes: number; amount: number };

/** The figure columns' headings (also each cell's data-label on a phone). */
export function figureLabels() {
  return { hours: t('Hours'), billable: t('Billable hours'), amount: t('Amount'), share: t('Share of total') };
}

/** A row's hours, billable hours, amount ("—" when no rate applies) and share of the total. */
export function FigureCells({ figures, currency, totalMinutes }: { figures: Figures; currency: string; totalMinutes: number }) {
  const L = figureLabels();
  const share = totalMinutes > 0 ? `${formatNumber((figures.minutes / totalMinutes) * 100, { maximumFractionDigits: 1 })} %` : '—';
  const amount = figures.billableMinutes > 0 || figures.amount !== 0 ? money(figures.amount, currency) : '—';
  return (
    <>
      <td className="align-right" data-label={L.hours}>{hours(figures.minutes)}</td>
      <td className="align-right" data-label={L.billable}>{hours(figures.billableMinutes)}</td>
      <td className="align-right" data-label={L.amount}>{amount}</td>
      <td className="align-right" data-label={L.share}>{share}</td>
    </>
  );
}

/** A first-level group's row (a disclosure button when it has sub-groups) and, when open, a row per sub-group. */
export function GroupRows({ group, isOpen, onToggle, firstName, secondName, currency, totalMinutes }: {
  group: LabelledGroup;
  isOpen: boolean;
  onToggle: () => void;
  firstName: string;
  secondName: string;
  currency: string;
  totalMinutes: number;
}) {
  const children = group.children ?? [];
  return (
    <>
      <tr className="report-row">
        <th scope="row" data-label={firstName}>
          {children.length > 0 ? (
            <button type="button" className="report-row__toggle" aria-expanded={isOpen} onClick={onToggle}>
              {isOpen ? <ChevronDownIcon size={16} /> : <ChevronRightIcon size={16} />}
              <span>{group.displayLabel}</span>
            </button>
          ) : group.displayLabel}
        </th>
        <FigureCells figures={group} currency={currency} totalMinutes={totalMinutes} />
      </tr>
      {isOpen ? children.map((c) => (
        <tr key={`${group.key}/${c.key}`} className="report-row report-row--child">
          <th scope="row" data-label={secondName}>
            <span className="report-row__child-label">{c.displayLabel}</span>
          </th>
          <FigureCells figures={c} currency={currency} totalMinutes={totalMinutes} />
        </tr>
      )) : null}
    </>
  );
}
