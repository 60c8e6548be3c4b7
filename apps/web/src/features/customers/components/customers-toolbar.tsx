import { Checkbox } from '../../../components/checkbox';
import { SearchIcon } from '../../../components/icons';
import { TextField } from '../../../components/text-field';
import { translate as t } from '../../../lib/i18n/i18n';
import type { useCustomersList } from '../hooks/use-customers-list';

/** Above the customer list: the search, "Show archived" (managers) and "Searching…" while a search runs. */
export function CustomersToolbar({ list, canManage }: { list: ReturnType<typeof useCustomersList>; canManage: boolean }) {
  const { customers } = list;
  return (
    <div className="customers-toolbar">
      <div className="customers-search">
        <SearchIcon size={16} className="customers-search__icon" aria-hidden="true" />
        <TextField
          type="search"
          label={t('Search customers')}
          hideLabel
          placeholder={t('Search by name, email or phone…')}
          value={list.search}
          onChange={(event) => list.setSearch(event.target.value)}
          autoComplete="off"
        />
      </div>
      {canManage ? <Checkbox label={t('Show archived')} checked={list.showArchived} onChange={(event) => list.setShowArchived(event.target.checked)} /> : null}
      {customers.isFetching && !customers.isPending ? <span className="muted customers-toolbar__busy" role="status">{t('Searching…')}</span> : null}
    </div>
  );
}
