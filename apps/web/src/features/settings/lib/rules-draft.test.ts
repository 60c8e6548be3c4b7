import { DEFAULT_WORK_RULES } from '@workdiary/shared';
import { describe, expect, it } from 'vitest';
import { fromDraft, toDraft } from './rules-draft';

describe('fromDraft', () => {
  it('gives back the rules a draft stands for', () => {
    expect(fromDraft(toDraft(DEFAULT_WORK_RULES))).toEqual({ rules: DEFAULT_WORK_RULES });
  });

  it('names the shared schema’s ranges beside a number outside them', () => {
    const result = fromDraft({ ...toDraft(DEFAULT_WORK_RULES), minSessionMinutes: 1441, maxSessionHours: 0 });
    expect(result).toMatchObject({ errors: { minSessionMinutes: 'Whole minutes from 0 to 1440', maxSessionHours: 'Whole hours from 1 to 168' } });
  });

  it('refuses a minimum session that is not shorter than the maximum, as the API does', () => {
    expect(fromDraft({ ...toDraft(DEFAULT_WORK_RULES), minSessionMinutes: 600, maxSessionHours: 10 }))
      .toMatchObject({ errors: { minSessionMinutes: 'Must be shorter than the maximum session' } });
    expect(fromDraft({ ...toDraft(DEFAULT_WORK_RULES), minSessionMinutes: 599, maxSessionHours: 10 })).toHaveProperty('rules');
  });
});
