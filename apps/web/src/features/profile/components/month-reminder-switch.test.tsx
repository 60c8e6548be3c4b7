import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { MonthReminderSwitch } from './month-reminder-switch';

function renderSwitch(me: { monthReminder?: boolean; mailEnabled?: boolean }) {
  const queryClient = createTestQueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <MonthReminderSwitch me={me} />
    </QueryClientProvider>,
  );
  return queryClient;
}

describe('MonthReminderSwitch', () => {
  it('is on by default and turns the reminder off with PATCH /api/me', async () => {
    const saved = makeMe({ monthReminder: false, mailEnabled: true });
    const { fetchMock } = stubFetch({ 'PATCH /api/me': () => jsonResponse(saved) });
    const queryClient = renderSwitch({ monthReminder: true, mailEnabled: true });
    const toggle = screen.getByRole('switch', { name: 'Remind me by email to submit last month' });
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByText('Early each month, while last month is not submitted yet.')).toBeInTheDocument();
    await userEvent.setup().click(toggle);
    await waitFor(() => expect(queryClient.getQueryData(['me'])).toEqual(saved));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/me');
    expect(JSON.parse(String(init?.body))).toEqual({ monthReminder: false });
  });

  it('says that no reminder goes out when the server sends no mail', () => {
    stubFetch({});
    renderSwitch({ monthReminder: true, mailEnabled: false });
    expect(screen.getByText('This server sends no mail, so no reminder goes out for now.')).toBeInTheDocument();
  });

  it('shows a refusal and stays usable', async () => {
    stubFetch({ 'PATCH /api/me': () => errorResponse(500, 'INTERNAL', 'Something went wrong on our side.') });
    renderSwitch({ monthReminder: false, mailEnabled: true });
    const toggle = screen.getByRole('switch', { name: 'Remind me by email to submit last month' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await userEvent.setup().click(toggle);
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).toHaveAttribute('aria-checked', 'false');
  });
});
