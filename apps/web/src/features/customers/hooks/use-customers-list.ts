import { useState } from 'react';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useCustomers } from '../api/customers';

export const CUSTOMERS_PAGE_SIZE = 50;

/**
 * The customer list's state: the search as typed (asked of the server once typing pauses), the
 * "show archived" filter and the page; a new search or filter starts at the first page.
 */
export function useCustomersList() {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const [offset, setOffset] = useState(0);
  const [showArchived, setShowArchived] = useState(false);
  // A new search or filter starts at the first page.
  const [lastQuery, setLastQuery] = useState({ q, showArchived });
  if (lastQuery.q !== q || lastQuery.showArchived !== showArchived) {
    setLastQuery({ q, showArchived });
    setOffset(0);
  }
  const customers = useCustomers({ q: q || undefined, limit: CUSTOMERS_PAGE_SIZE, offset, includeArchived: showArchived });
  return { search, setSearch, q, offset, setOffset, showArchived, setShowArchived, customers };
}
