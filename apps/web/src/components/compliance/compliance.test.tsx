import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMPLIANCE_RULES, type ComplianceList } from '@workdiary/shared';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../lib/current-user';
import { jsonResponse, makeMe, stubFetch } from '../../test/fetch-stub';
import { createTestQueryClient } from '../../test/query-client';
import { Toaster } from '../toaster';
import { ComplianceDay, ComplianceMarker } from './compliance-day';
import { notifyComplianceWarnings, ruleName, ruleText } from './rules';

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

const list = (acknowledged: ComplianceList['items'][number]['acknowledged']): ComplianceList => ({
  month: '2026-03',
  enabled: true,
  rules: [...COMPLIANCE_RULES],
  items: [
    { userId: 'u-alice', date: '2026-03-02', rule: 'BREAK_MISSING', minutes: 0, acknowledged },
    { userId: 'u-alice', date: '2026-03-02', rule: 'STRETCH_TOO_LONG', minutes: 390, acknowledged },
    { userId: 'u-alice', date: '2026-03-08', rule: 'SUNDAY_WORK', minutes: 60, acknowledged: null },
  ],
});

describe('working-time law in words', () => {
  it('names and explains every rule', () => {
    for (const rule of COMPLIANCE_RULES) {
      expect(ruleName(rule)).not.toBe('');
      expect(ruleText(rule)).toMatch(/ArbZG/);
    }
  });

  it('marks a day with the rules it broke, and nothing on a clean day', () => {
    const { container } = wrap(<><ComplianceMarker rules={['BREAK_MISSING', 'SUNDAY_WORK']} /><ComplianceMarker rules={[]} /></>);
    expect(container.querySelectorAll('.compliance-marker')).toHaveLength(1);
    expect(screen.getByText('Working-time law: Break too short, Sunday work')).toBeInTheDocument();
  });

  it('shows a warning toast after a write that broke a rule, none without', async () => {
    wrap(<span />);
    notifyComplianceWarnings([]);
    notifyComplianceWarnings([{ date: '2026-03-02', rule: 'BREAK_MISSING' }, { date: '2026-03-02', rule: 'STRETCH_TOO_LONG' }]);
    await waitFor(() => expect(screen.getByText('Saved. Working-time law: Break too short, Over 6 h without a break.')).toBeInTheDocument());
    expect(screen.getAllByText('Working-time warning')).toHaveLength(1);
  });
});

describe('ComplianceDay', () => {
  it('lists the day\'s rules in words and lets a manager acknowledge them with a required note', async () => {
    const posted: unknown[] = [];
    let acknowledged: ComplianceList['items'][number]['acknowledged'] = null;
    stubFetch({
      'GET /api/compliance': ({ url }) => {
        expect(url.searchParams.get('month')).toBe('2026-03');
        expect(url.searchParams.get('userId')).toBe('u-alice');
        return jsonResponse(list(acknowledged));
      },
      'POST /api/compliance/acknowledgements': ({ body }) => {
        posted.push(body);
        acknowledged = { by: { id: 'u-m', name: 'Mia Manager' }, at: '2026-03-03T09:00:00.000Z', note: 'Deadline' };
        return jsonResponse({ id: 'a1', userId: 'u-alice', date: '2026-03-02', ...acknowledged }, { status: 201 });
      },
    });
    wrap(<ComplianceDay userId="u-alice" date="2026-03-02" tz="Europe/Berlin" canAcknowledge />);
    await waitFor(() => expect(screen.getByTestId('compliance-day')).toHaveTextContent('Break too short'));
    expect(screen.getByText('2 findings')).toBeInTheDocument();
    expect(screen.getByText(/6:30 without a break/)).toBeInTheDocument();
    expect(screen.getByText(/Nobody may work more than 6 hours in a row/)).toBeInTheDocument();
    expect(screen.queryByText('Sunday work')).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(screen.getByText('A note is required')).toBeInTheDocument();
    expect(posted).toEqual([]);
    await user.type(screen.getByLabelText('Acknowledge with a note'), 'Deadline');
    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(screen.getByTestId('compliance-ack')).toHaveTextContent('Acknowledged by Mia Manager on'));
    expect(screen.getByTestId('compliance-ack')).toHaveTextContent('Deadline');
    expect(posted).toEqual([{ userId: 'u-alice', date: '2026-03-02', note: 'Deadline' }]);
  });

  it('shows nothing on a day without findings, and no form for a member', async () => {
    stubFetch({ 'GET /api/compliance': () => jsonResponse(list(null)) });
    const { container } = wrap(<><ComplianceDay userId="u-alice" date="2026-03-03" tz="Europe/Berlin" canAcknowledge /><ComplianceDay userId="u-alice" date="2026-03-08" tz="Europe/Berlin" canAcknowledge={false} /></>);
    await waitFor(() => expect(screen.getByTestId('compliance-day')).toHaveTextContent('Sunday work'));
    expect(container.querySelectorAll('[data-testid="compliance-day"]')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
  });
});
