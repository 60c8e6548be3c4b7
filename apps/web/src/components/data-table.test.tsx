import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../lib/api-client';
import { DataTable, type DataTableColumn } from './data-table';

type Row = { id: string; name: string; minutes: number | null };

const columns: DataTableColumn<Row>[] = [
  { key: 'name', header: 'User', cell: (r) => r.name, sortValue: (r) => r.name, rowHeader: true, footer: 'Total Time' },
  { key: 'minutes', header: 'Total', cell: (r) => r.minutes ?? '—', sortValue: (r) => r.minutes, align: 'right', footer: '170' },
];

const rows: Row[] = [
  { id: '1', name: 'Bob', minutes: 90 },
  { id: '2', name: 'alice', minutes: 20 },
  { id: '3', name: 'Carol', minutes: 60 },
  { id: '4', name: 'Dan', minutes: null },
];

const bodyRowNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1) // header
    .map((row) => row.querySelector('th')?.textContent)
    .filter(Boolean);

describe('DataTable', () => {
  it('shows skeleton rows and no data while loading', () => {
    render(<DataTable caption="Users" columns={columns} rows={rows} rowKey={(r) => r.id} loading skeletonRows={3} />);
    const table = screen.getByRole('table', { name: 'Users' });
    expect(table).toHaveAttribute('aria-busy', 'true');
    expect(table.querySelectorAll('.data-table__skeleton-row')).toHaveLength(3);
    expect(screen.queryByText('Bob')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  });

  it('shows the empty state when there are no rows', () => {
    render(
      <DataTable caption="Users" columns={columns} rows={[]} rowKey={(r) => r.id} emptyTitle="No sessions in this range" emptyMessage="Try other dates." />,
    );
    expect(screen.getByText('No sessions in this range')).toBeInTheDocument();
    expect(screen.getByText('Try other dates.')).toBeInTheDocument();
    expect(screen.queryByText('Total Time')).not.toBeInTheDocument();
  });

  it('shows the API error message and retries', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const error = new ApiError({ status: 403, code: 'FORBIDDEN', message: 'You do not have permission to do this.' });
    render(<DataTable caption="Users" columns={columns} rows={undefined} rowKey={(r) => r.id} error={error} onRetry={onRetry} />);
    expect(screen.getByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('renders rows and the footer row', () => {
    render(<DataTable caption="Users" columns={columns} rows={rows} rowKey={(r) => r.id} />);
    expect(bodyRowNames()).toEqual(['Bob', 'alice', 'Carol', 'Dan']);
    const footer = screen.getByText('Total Time').closest('tr');
    expect(footer?.parentElement?.tagName).toBe('TFOOT');
    expect(footer).toHaveTextContent('170');
  });

  it('sorts by a column, toggling direction, with blanks last', async () => {
    const user = userEvent.setup();
    render(<DataTable caption="Users" columns={columns} rows={rows} rowKey={(r) => r.id} />);
    const totalHeader = screen.getByRole('columnheader', { name: /Total/ });
    expect(totalHeader).toHaveAttribute('aria-sort', 'none');

    await user.click(screen.getByRole('button', { name: /Total/ }));
    expect(totalHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(bodyRowNames()).toEqual(['alice', 'Carol', 'Bob', 'Dan']);

    await user.click(screen.getByRole('button', { name: /Total/ }));
    expect(totalHeader).toHaveAttribute('aria-sort', 'descending');
    expect(bodyRowNames()).toEqual(['Bob', 'Carol', 'alice', 'Dan']);

    await user.click(screen.getByRole('button', { name: /User/ }));
    expect(bodyRowNames()).toEqual(['alice', 'Bob', 'Carol', 'Dan']);
  });
});
