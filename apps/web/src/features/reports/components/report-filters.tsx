import { CustomerListSchema, REPORT_GROUPS, type ReportGroupBy } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { DateRangeFilter } from '../../../components/date-range-filter';
import { allCategoriesQueryOptions } from '../../../components/pickers/use-categories';
import { SelectField, type SelectOption } from '../../../components/select-field';
import { api } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';
import { useCustomerName, usePeople } from '../api/reports';
import { groupName } from '../lib/report-labels';
import { PRESETS, presetRange, type Preset, type RangeChoice, type ReportView } from '../lib/report-view';

export function presetName(preset: RangeChoice): string {
  switch (preset) {
    case 'this-week': return t('This week');
    case 'last-week': return t('Last week');
    case 'this-month': return t('This month');
    case 'last-month': return t('Last month');
    case 'this-quarter': return t('This quarter');
    case 'last-quarter': return t('Last quarter');
    case 'this-year': return t('This year');
    case 'last-year': return t('Last year');
    case 'custom': return t('Custom range');
  }
}

/** Every customer, archived ones too (their time is in past reports), by name. */
function useReportCustomers() {
  return useQuery({
    queryKey: ['customers', 'report-options'] as const,
    queryFn: ({ signal }) => api.get('/api/customers', { query: { limit: 200, includeArchived: true }, schema: CustomerListSchema, signal }).then((l) => l.items),
    staleTime: 60_000,
  });
}

export type ReportFiltersProps = {
  view: ReportView;
  onChange: (next: ReportView) => void;
  /** Managers and admins filter by person and group by person; a member's report is their own. */
  isManager: boolean;
  today: string;
};

/** Period (presets or a custom range), person, customer, category, group and sub-group. */
export function ReportFilters({ view, onChange, isManager, today }: ReportFiltersProps) {
  const people = usePeople(isManager);
  const customers = useReportCustomers();
  const categories = useQuery(allCategoriesQueryOptions());
  const missingCustomer = view.customerId !== null && customers.data !== undefined && !customers.data.some((c) => c.id === view.customerId);
  const customerName = useCustomerName(missingCustomer ? view.customerId : null);

  const set = (patch: Partial<ReportView>) => onChange({ ...view, ...patch });
  const groups: readonly ReportGroupBy[] = REPORT_GROUPS.filter((g) => isManager || g === view.group || g === view.subGroup || g !== 'user');
  const groupOptions = (except?: ReportGroupBy): SelectOption[] => groups.filter((g) => g !== except).map((g) => ({ value: g, label: groupName(g) }));

  const periodOptions: SelectOption[] = [...PRESETS, 'custom' as const].map((p) => ({ value: p, label: presetName(p) }));
  const customerOptions: SelectOption[] = (customers.data ?? []).map((c) => ({ value: c.id, label: c.archived ? t('{name} (archived)', { name: c.name }) : c.name }));
  if (view.customerId && !customerOptions.some((o) => o.value === view.customerId)) {
    customerOptions.push({ value: view.customerId, label: customerName.data?.name ?? t('Loading…') });
  }
  const categoryOptions: SelectOption[] = (categories.data ?? []).map((c) => ({ value: c.id, label: c.archived ? t('{name} (archived)', { name: c.name }) : c.name }));
  if (view.categoryId && !categoryOptions.some((o) => o.value === view.categoryId)) categoryOptions.push({ value: view.categoryId, label: t('Loading…') });
  const personOptions: SelectOption[] = (people.data ?? []).map((p) => ({ value: p.id, label: p.active ? p.name : t('{name} (inactive)', { name: p.name }) }));
  if (view.userId && !personOptions.some((o) => o.value === view.userId)) personOptions.push({ value: view.userId, label: t('Loading…') });

  return (
    <div className="report-filters" role="group" aria-label={t('Report settings')}>
      <div className="report-filters__row">
        <SelectField
          className="report-filters__period"
          label={t('Period')}
          options={periodOptions}
          value={view.range}
          onChange={(e) => {
            const choice = e.target.value as RangeChoice;
            // Custom starts from the range shown, so only the end that needs changing is changed.
            if (choice === 'custom') set({ range: 'custom' });
            else set({ range: choice, ...presetRange(choice as Preset, today) });
          }}
        />
        {view.range === 'custom' ? (
          <DateRangeFilter
            className="report-filters__dates"
            label={t('Custom range')}
            from={view.from}
            to={view.to}
            onChange={(range) => {
              // A cleared end keeps the range as it was until a date is chosen again.
              if (range.from && range.to) set({ from: range.from, to: range.to });
            }}
          />
        ) : null}
        {isManager ? (
          <SelectField
            label={t('Person')}
            placeholder={t('Everyone')}
            options={personOptions}
            value={view.userId ?? ''}
            onChange={(e) => set({ userId: e.target.value || null })}
          />
        ) : null}
        <SelectField
          label={t('Customer')}
          placeholder={t('All customers')}
          options={customerOptions}
          value={view.customerId ?? ''}
          onChange={(e) => set({ customerId: e.target.value || null })}
        />
        <SelectField
          label={t('Category')}
          placeholder={t('All categories')}
          options={categoryOptions}
          value={view.categoryId ?? ''}
          onChange={(e) => set({ categoryId: e.target.value || null })}
        />
      </div>
      <div className="report-filters__row">
        <SelectField
          label={t('Group by')}
          options={groupOptions()}
          value={view.group}
          onChange={(e) => {
            const group = e.target.value as ReportGroupBy;
            set({ group, subGroup: view.subGroup === group ? null : view.subGroup });
          }}
        />
        <SelectField
          label={t('Then by')}
          placeholder={t('No sub-group')}
          options={groupOptions(view.group)}
          value={view.subGroup ?? ''}
          onChange={(e) => set({ subGroup: (e.target.value || null) as ReportGroupBy | null })}
        />
      </div>
    </div>
  );
}
