import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Balance } from '@workdiary/shared';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../test/fetch-stub';
import { createTestQueryClient } from '../../test/query-client';
import { Toaster } from '../toaster';
import { parseSignedHours, signedHours } from './balance-api';
import { BalancePanel } from './balance-panel';
import { VacationSummary } from './vacation-remaining';
import { requestedVacationDays, VacationRequestHint } from './vacation-request-hint';

const BALANCE: Balance = {
  month: '2026-11',
  overtime: { openingMinutes: 600, deltaMinutes: -90, correctionMinutes: -300, closingMinutes: 210 },
  vacation: { year: 2026, entitlementDays: 30, carriedOverDays: 2.5, takenDays: 20, plannedDays: 3, remainingDays: 9.5 },
};

function wrap(children: ReactNode) {
  return render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={makeMe({ role: 'MANAGER' })}>
        {children}
        <Toaster />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('balance helpers', () => {
  it('shows signed hours with a real minus and reads h:mm back', () => {
    expect([signedHours(210), signedHours(-90), signedHours(0)]).toEqual(['3:30', '−1:30', '0:00']);
    expect(['1:30', '-0:45', '−2:00', '5', '1:75', 'x'].map(parseSignedHours)).toEqual([90, -45, -120, 300, null, null]);
  });

  it('counts the requested days that require work, without public holidays', () => {
    // Mon 21 – Thu 31 Dec 2026, Christmas (Fri 25) a holiday: 4 + 4 days.
    expect(requestedVacationDays('2026-12-21', '2026-12-31', [480, 480, 480, 480, 480, 0, 0], new Set(['2026-12-25', '2026-12-26']))).toBe(8);
    expect(requestedVacationDays('2026-12-21', '2026-12-27', [240, 240, 240, 0, 0, 0, 0], new Set())).toBe(3);
  });
});

describe('BalancePanel', () => {
  it('shows opening, this month, corrections and closing, negative with a minus', async () => {
    stubFetch({ 'GET /api/balances/u-alice': () => jsonResponse(BALANCE) });
    wrap(<BalancePanel userId="u-alice" month="2026-11" canCorrect={false} />);
    await waitFor(() => expect(screen.getByTestId('balance-closing')).toHaveTextContent('3:30'));
    expect(screen.getByTestId('balance-opening')).toHaveTextContent('10:00');
    expect(screen.getByTestId('balance-delta')).toHaveTextContent('−1:30');
    expect(screen.getByTestId('balance-corrections')).toHaveTextContent('−5:00');
    expect(screen.queryByRole('button', { name: 'Correction or payout…' })).not.toBeInTheDocument();
  });

  it('a manager books a payout with a required note; the server’s refusal is shown', async () => {
    const posted: unknown[] = [];
    let refuse = true;
    stubFetch({
      'GET /api/balances/u-alice': () => jsonResponse(BALANCE),
      'POST /api/balances/u-alice/corrections': ({ body }) => {
        posted.push(body);
        if (refuse) return errorResponse(409, 'MONTH_LOCKED', 'November 2026 is approved and locked for payroll.');
        return jsonResponse({ id: 'c1', userId: 'u-alice', month: '2026-11', minutes: -90, note: 'Payout', createdById: 'u-m', createdAt: '2026-12-01T10:00:00.000Z' }, { status: 201 });
      },
    });
    wrap(<BalancePanel userId="u-alice" month="2026-11" canCorrect />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Correction or payout…' }));
    await user.click(screen.getByRole('button', { name: 'Book' }));
    expect(screen.getByText('Enter hours as h:mm, e.g. 1:30.')).toBeInTheDocument();
    expect(screen.getByText('A note is required.')).toBeInTheDocument();
    expect(posted).toEqual([]);
    await user.click(screen.getByLabelText('Payout (takes the hours off the account)'));
    await user.type(screen.getByLabelText('Hours (h:mm)'), '1:30');
    await user.type(screen.getByLabelText('Note'), 'Payout');
    await user.click(screen.getByRole('button', { name: 'Book' }));
    expect(await screen.findByText('November 2026 is approved and locked for payroll.')).toBeInTheDocument();
    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(screen.getByText('−1:30 booked to the overtime account.')).toBeInTheDocument());
    expect(posted.at(-1)).toEqual({ month: '2026-11', minutes: -90, note: 'Payout' });
  });
});

describe('vacation', () => {
  it('the summary shows the remaining days and how they come about', async () => {
    stubFetch({ 'GET /api/balances/u-alice': () => jsonResponse(BALANCE) });
    wrap(<VacationSummary userId="u-alice" />);
    await waitFor(() => expect(screen.getByTestId('vacation-remaining')).toHaveTextContent('9.5'));
    expect(screen.getByText('Carried over')).toBeInTheDocument();
  });

  it('the request hint says how many of the remaining days a request uses, and warns when it is more', async () => {
    stubFetch({
      'GET /api/balances/u-alice': () => jsonResponse(BALANCE),
      'GET /api/settings/work-rules/u-alice': () => jsonResponse({ requiredMinutes: [480, 480, 480, 480, 480, 0, 0], noteRequired: false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false, userId: null, inherited: true, updatedAt: null }),
      'GET /api/holidays': () => jsonResponse({ items: [{ date: '2026-12-25', name: 'Christmas Day' }] }),
    });
    const { rerender } = wrap(<VacationRequestHint userId="u-alice" startDate="2026-12-21" endDate="2026-12-23" />);
    expect(await screen.findByTestId('vacation-request-hint')).toHaveTextContent('This request uses 3 of your 9.5 remaining days.');
    expect(screen.getByTestId('vacation-request-hint')).toHaveAttribute('role', 'status');
    rerender(
      <QueryClientProvider client={createTestQueryClient()}>
        <VacationRequestHint userId="u-alice" startDate="2026-12-07" endDate="2026-12-31" />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('vacation-request-hint')).toHaveTextContent('This request uses 18 of your 9.5 remaining days. That is more than you have left.'));
    expect(screen.getByTestId('vacation-request-hint')).toHaveAttribute('role', 'alert');
  });
});
