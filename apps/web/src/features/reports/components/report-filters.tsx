import { type ReportGroupBy } from '@workdiary/shared';
import { DateRangeFilter } from '../../../components/date-range-filter';
import { SelectField, type SelectOption } from '../../../components/select-field';
import { translate as t } from '../../../lib/i18n/i18n';
import { useReportFilterOptions } from '../hooks/use-report-filter-options';
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

export type ReportFiltersProps = {
  view: ReportView;
  onChange: (next: ReportView) => void;
  /** Managers and admins filter by person and group by person; a member's report is their own. */
  isManager: boolean;
  today: string;
};

/** Period (presets or a custom range), person, customer, category, group and sub-group. */
export function ReportFilters({ view, onChange, isManager, today }: ReportFiltersProps) {
  const { groupOptions, customerOptions, categoryOptions, personOptions } = useReportFilterOptions(view, isManager);
  const set = (patch: Partial<ReportView>) => onChange({ ...view, ...patch });
  const periodOptions: SelectOption[] = [...PRESETS, 'custom' as const].map((p) => ({ value: p, label: presetName(p) }));

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
          <OptionalSelect label={t('Person')} placeholder={t('Everyone')} options={personOptions} value={view.userId} onChange={(userId) => set({ userId })} />
        ) : null}
        <OptionalSelect label={t('Customer')} placeholder={t('All customers')} options={customerOptions} value={view.customerId} onChange={(customerId) => set({ customerId })} />
        <OptionalSelect label={t('Category')} placeholder={t('All categories')} options={categoryOptions} value={view.categoryId} onChange={(categoryId) => set({ categoryId })} />
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
        <OptionalSelect
          label={t('Then by')}
          placeholder={t('No sub-group')}
          options={groupOptions(view.group)}
          value={view.subGroup}
          onChange={(subGroup) => set({ subGroup: subGroup as ReportGroupBy | null })}
        />
      </div>
    </div>
  );
}

/** A picker whose placeholder ("Everyone", "All customers", …) stands for no choice (null). */
function OptionalSelect({ label, placeholder, options, value, onChange }: {
  label: string;
  placeholder: string;
  options: SelectOption[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  return <SelectField label={label} placeholder={placeholder} options={options} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} />;
}
