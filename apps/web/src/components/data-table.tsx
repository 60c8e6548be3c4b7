import { useState, type ReactNode } from 'react';
import { cx } from '../lib/cx';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';
import { ChevronDownIcon, ChevronUpIcon } from './icons';
import { translate as t } from '../lib/i18n/i18n';

export type SortDirection = 'asc' | 'desc';
export type SortState = { key: string; direction: SortDirection };
type SortValue = string | number | null | undefined;

export type DataTableColumn<T> = {
  key: string;
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** Makes the column sortable by this value (nulls sort last). */
  sortValue?: (row: T) => SortValue;
  align?: 'left' | 'right' | 'center';
  width?: string;
  /** Content of this column's cell in the footer row (e.g. "Total Time" / "38:15"). */
  footer?: ReactNode;
  /** Marks the row header cell (th scope="row"), usually the first column. */
  rowHeader?: boolean;
};

export type DataTableProps<T> = {
  columns: ReadonlyArray<DataTableColumn<T>>;
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** Accessible name of the table (visually hidden). */
  caption: string;
  /** Shows skeleton rows instead of the body. */
  loading?: boolean;
  /** Shows an error row with the message and Retry (when `onRetry` is given). */
  error?: unknown;
  onRetry?: () => void;
  emptyTitle?: string;
  emptyMessage?: ReactNode;
  emptyAction?: ReactNode;
  skeletonRows?: number;
  /** Initial sort when uncontrolled. */
  defaultSort?: SortState;
  /** Controlled sort; pair with onSortChange. */
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  /** Sorting done by the caller/server: rows are shown in the given order. */
  manualSort?: boolean;
  rowClassName?: (row: T) => string | undefined;
  className?: string;
};

/** The column's name for the phone layout, where each row is a card of "label: value" lines. */
const labelOf = (column: { header: ReactNode }) => (typeof column.header === 'string' ? column.header : undefined);

const isBlank = (value: SortValue): value is null | undefined | '' => value === null || value === undefined || value === '';

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function sortRows<T>(rows: readonly T[], column: DataTableColumn<T> | undefined, direction: SortDirection): T[] {
  const sortValue = column?.sortValue;
  if (!sortValue) return [...rows];
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row) }))
    .sort((a, b) => {
      // Blank values stay at the bottom in both directions; ties keep their original order.
      if (isBlank(a.value) || isBlank(b.value)) {
        if (isBlank(a.value) && isBlank(b.value)) return a.index - b.index;
        return isBlank(a.value) ? 1 : -1;
      }
      return sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** The sort shown: the controlled one when given, else the table's own; a header click toggles it. */
function useTableSort(defaultSort: SortState | undefined, controlledSort: SortState | null | undefined, onSortChange: ((sort: SortState) => void) | undefined) {
  const [ownSort, setOwnSort] = useState<SortState | null>(defaultSort ?? null);
  const sort = controlledSort !== undefined ? controlledSort : ownSort;

  const toggleSort = (key: string) => {
    const next: SortState =
      sort?.key === key ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' };
    if (controlledSort === undefined) setOwnSort(next);
    onSortChange?.(next);
  };
  return { sort, toggleSort };
}

const alignClass = (column: { align?: 'left' | 'right' | 'center' }) => (column.align && column.align !== 'left' ? `align-${column.align}` : undefined);

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  caption,
  loading = false,
  error,
  onRetry,
  emptyTitle = t('Nothing here yet'),
  emptyMessage,
  emptyAction,
  skeletonRows = 5,
  defaultSort,
  sort: controlledSort,
  onSortChange,
  manualSort = false,
  rowClassName,
  className,
}: DataTableProps<T>) {
  const { sort, toggleSort } = useTableSort(defaultSort, controlledSort, onSortChange);

  const hasError = !loading && error !== undefined && error !== null;
  const visibleRows =
    rows && sort && !manualSort ? sortRows(rows, columns.find((c) => c.key === sort.key), sort.direction) : rows ?? [];
  const showFooter = !loading && !hasError && visibleRows.length > 0 && columns.some((c) => c.footer !== undefined);

  let body: ReactNode;
  if (loading) {
    body = <SkeletonRows columns={columns} count={skeletonRows} />;
  } else if (hasError) {
    body = (
      <StateRow columns={columns}>
        <ErrorState error={error} onRetry={onRetry} />
      </StateRow>
    );
  } else if (visibleRows.length === 0) {
    body = (
      <StateRow columns={columns}>
        <EmptyState title={emptyTitle} message={emptyMessage} action={emptyAction} />
      </StateRow>
    );
  } else {
    body = <BodyRows columns={columns} rows={visibleRows} rowKey={rowKey} rowClassName={rowClassName} />;
  }

  return (
    <div className={cx('data-table-wrap', 'data-table-wrap--cards', className)}>
      <table className="data-table" aria-busy={loading || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <TableHead columns={columns} sort={sort} onSort={toggleSort} />
        <tbody>{body}</tbody>
        {showFooter ? (
          <tfoot>
            <tr>
              {columns.map((column) => (
                <td key={column.key} className={alignClass(column)} data-label={labelOf(column)}>{column.footer}</td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
      {loading ? <span role="status" className="visually-hidden">{t('Loading…')}</span> : null}
    </div>
  );
}

type Columns<T> = ReadonlyArray<DataTableColumn<T>>;

/** The header row: a sortable column's header is a button, with aria-sort on its cell. */
function TableHead<T>({ columns, sort, onSort }: { columns: Columns<T>; sort: SortState | null; onSort: (key: string) => void }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const active = sort?.key === column.key;
          const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
          return (
            <th key={column.key} scope="col" aria-sort={column.sortValue ? ariaSort ?? 'none' : undefined} className={alignClass(column)} style={column.width ? { width: column.width } : undefined}>
              {column.sortValue ? (
                <button type="button" className={cx('th-sort', active && 'th-sort--active')} onClick={() => onSort(column.key)}>
                  {column.header}
                  <span className="th-sort__icon" aria-hidden="true">
                    {active && sort.direction === 'desc' ? <ChevronDownIcon size={14} /> : <ChevronUpIcon size={14} />}
                  </span>
                </button>
              ) : (
                column.header
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** Placeholder rows while the data loads (hidden from assistive technology). */
function SkeletonRows<T>({ columns, count }: { columns: Columns<T>; count: number }) {
  return Array.from({ length: count }, (_, i) => (
    <tr key={`skeleton-${i}`} className="data-table__skeleton-row" aria-hidden="true">
      {columns.map((column) => (
        <td key={column.key}><span className="skeleton" /></td>
      ))}
    </tr>
  ));
}

/** One full-width row with the table's state (an error or the empty message). */
function StateRow<T>({ columns, children }: { columns: Columns<T>; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns.length} className="data-table__state">
        {children}
      </td>
    </tr>
  );
}

type BodyRowsProps<T> = { columns: Columns<T>; rows: readonly T[]; rowKey: (row: T) => string; rowClassName?: (row: T) => string | undefined };

/** The data rows; a row header column's cells are th scope="row". */
function BodyRows<T>({ columns, rows, rowKey, rowClassName }: BodyRowsProps<T>) {
  return rows.map((row, index) => (
    <tr key={rowKey(row)} className={rowClassName?.(row)}>
      {columns.map((column) =>
        column.rowHeader ? (
          <th key={column.key} scope="row" className={alignClass(column)} data-label={labelOf(column)}>{column.cell(row, index)}</th>
        ) : (
          <td key={column.key} className={alignClass(column)} data-label={labelOf(column)}>{column.cell(row, index)}</td>
        ),
      )}
    </tr>
  ));
}
