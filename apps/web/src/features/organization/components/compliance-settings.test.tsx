import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Organization } from '@workdiary/shared';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { ComplianceSettingsCard } from './compliance-settings';

const ORG: Organization = {
  id: 'o1', name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR', clientTimer: true, locale: 'en-GB', vacationCarryOverUntil: null,
  compliance: { enabled: true, rules: ['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX', 'REST_SHORT', 'SUNDAY_WORK', 'HOLIDAY_WORK'] },
};

describe('ComplianceSettingsCard', () => {
  it('an admin leaves out Sunday work, then switches the check off; the bodies keep name, zone and currency', async () => {
    const sent: unknown[] = [];
    stubFetch({ 'PUT /api/organization': ({ body }) => { sent.push(body); return jsonResponse({ ...ORG, compliance: (body as Organization).compliance }); } });
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <CurrentUserContext value={makeMe({ role: 'ADMIN' })}><ComplianceSettingsCard organization={ORG} /></CurrentUserContext>
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Sunday work'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR', compliance: { enabled: true, rules: ['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX', 'REST_SHORT', 'HOLIDAY_WORK'] } });
    await user.click(screen.getByLabelText('Check every day against the working-time law'));
    expect(screen.getByLabelText('Break too short')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ compliance: { enabled: false } });
  });
});
