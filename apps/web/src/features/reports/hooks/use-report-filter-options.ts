import { CustomerListSchema, REPORT_GROUPS, type ReportGroupBy } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { allCategoriesQueryOptions } from '../../../components/pickers/use-categories';
import type { SelectOption } from '../../../components/select-field';
import { api } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';
import { useCustomerName, usePeople } from '../api/reports';
import { groupName } from '../lib/report-labels';
import type { ReportView } from '../lib/report-view';

/** Every customer, archived ones too (their time is in past reports), by name. */
function useReportCustomers() {
  return useQuery({
    queryKey: ['customers', 'report-options'] as const,
    queryFn: ({ signal }) => api.get('/api/customers', { query: { limit: 200, includeArchived: true }, schema: CustomerListSchema, signal }).then((l) => l.items),
    staleTime: 60_000,
  });
}

const archivedLabel = (item: { name: string; archived: boolean }) => (item.archived ? t('{name} (archived)', { name: item.name }) : item.name);

/** The options, plus the chosen one while the list does not (yet) hold it (e.g. a link to another page's customer). */
function withChosen(options: SelectOption[], chosen: string | null, label: string): SelectOption[] {
  return chosen && !options.some((o) => o.value === chosen) ? [...options, { value: chosen, label }] : options;
}

/** The choices of the report's person, customer, category and group pickers. */
export function useReportFilterOptions(view: ReportView, isManager: boolean) {
  const people = usePeople(isManager);
  const customers = useReportCustomers();
  const categories = useQuery(allCategoriesQueryOptions());
  const missingCustomer = view.customerId !== null && customers.data !== undefined && !customers.data.some((c) => c.id === view.customerId);
  const customerName = useCustomerName(missingCustomer ? view.customerId : null);

  const groups: readonly ReportGroupBy[] = REPORT_GROUPS.filter((g) => isManager || g === view.group || g === view.subGroup || g !== 'user');
  const groupOptions = (except?: ReportGroupBy): SelectOption[] => groups.filter((g) => g !== except).map((g) => ({ value: g, label: groupName(g) }));
  const customerOptions = withChosen(
    (customers.data ?? []).map((c) => ({ value: c.id, label: archivedLabel(c) })),
    view.customerId,
    customerName.data?.name ?? t('Loading…'),
  );
  const categoryOptions = withChosen((categories.data ?? []).map((c) => ({ value: c.id, label: archivedLabel(c) })), view.categoryId, t('Loading…'));
  const personOptions = withChosen(
    (people.data ?? []).map((p) => ({ value: p.id, label: p.active ? p.name : t('{name} (inactive)', { name: p.name }) })),
    view.userId,
    t('Loading…'),
  );

  return { groupOptions, customerOptions, categoryOptions, personOptions };
}
