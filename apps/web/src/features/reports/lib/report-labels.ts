import type { ReportGroup, ReportGroupBy } from '@workdiary/shared';
import { dateLabel, monthLabel } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

/** A group with the label the screen shows (periods formatted in the reader's locale), children too. */
export type LabelledGroup = Omit<ReportGroup, 'children'> & { displayLabel: string; children?: LabelledGroup[] };

/** What a grouping is called on screen ("Customer", "Person", …). */
export function groupName(group: ReportGroupBy): string {
  switch (group) {
    case 'customer': return t('Customer');
    case 'category': return t('Category');
    case 'user': return t('Person');
    case 'month': return t('Month');
    case 'week': return t('Week');
    case 'day': return t('Day');
  }
}

/** The label of one group: names as the server sends them, periods ('2026-11', '2026-W45', '2026-11-02') formatted. */
export function labelOf(kind: ReportGroupBy, group: Pick<ReportGroup, 'key' | 'label'>): string {
  switch (kind) {
    case 'month':
      return /^\d{4}-\d{2}$/.test(group.key) ? monthLabel(group.key) : group.label;
    case 'week': {
      const match = /^(\d{4})-W(\d{2})$/.exec(group.key);
      return match ? t('Week {week}, {year}', { week: Number(match[2]), year: match[1]! }) : group.label;
    }
    case 'day':
      return /^\d{4}-\d{2}-\d{2}$/.test(group.key) ? dateLabel(group.key) : group.label;
    default:
      return group.label;
  }
}

/** The report's groups with display labels, for the levels `groupBy` names. */
export function labelGroups(groups: readonly ReportGroup[], groupBy: readonly ReportGroupBy[]): LabelledGroup[] {
  const [first, second] = groupBy;
  if (!first) return [];
  return groups.map((g) => ({
    ...g,
    displayLabel: labelOf(first, g),
    children: g.children && second ? g.children.map((c) => ({ ...c, displayLabel: labelOf(second, c), children: undefined })) : undefined,
  }));
}
