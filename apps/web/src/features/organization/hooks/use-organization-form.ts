import { OrganizationBodySchema, type Locale, type Organization } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';
import { useSaveOrganization } from '../api/organization';
import { carryOverOf, carryOverUntil, type CarryOver } from '../lib/carry-over';

export type OrganizationValues = { name: string; timeZone: string; currency: string; locale: Locale };
export type OrganizationErrors = Partial<Record<keyof OrganizationValues | 'form' | 'carryOverMonth' | 'carryOverDay', string>>;

const valuesOf = (org: Organization): OrganizationValues => ({ name: org.name, timeZone: org.timeZone, currency: org.currency, locale: org.locale });

/** The Organisation form's state: the values as edited, what changed, saving, and undoing the changes. */
export function useOrganizationForm(organization: Organization) {
  const save = useSaveOrganization();
  const [values, setValues] = useState<OrganizationValues>(valuesOf(organization));
  const [carryOver, setCarryOver] = useState<CarryOver>(carryOverOf(organization.vacationCarryOverUntil));
  const [errors, setErrors] = useState<OrganizationErrors>({});
  const set = (key: keyof OrganizationValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const savedCarryOver = carryOverOf(organization.vacationCarryOverUntil);
  const carryOverChanged = carryOver.month !== savedCarryOver.month || (carryOver.month !== '' && carryOver.day !== savedCarryOver.day);
  const zoneChanged = values.timeZone.trim() !== organization.timeZone;
  const currencyChanged = values.currency !== organization.currency;
  const dirty = zoneChanged || currencyChanged || carryOverChanged || values.name.trim() !== organization.name || values.locale !== organization.locale;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const until = carryOverUntil(carryOver);
    const parsed = OrganizationBodySchema.safeParse({ ...values, vacationCarryOverUntil: 'until' in until ? until.until : null });
    if (!parsed.success || !('until' in until)) {
      const next: OrganizationErrors = {};
      if (!('until' in until)) next[until.field] = until.message;
      for (const issue of parsed.success ? [] : parsed.error.issues) next[(issue.path[0] as keyof OrganizationValues) ?? 'form'] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: (org) => {
        setValues(valuesOf(org));
        setCarryOver(carryOverOf(org.vacationCarryOverUntil));
        toast.success(t('Organisation settings saved.'));
      },
      onError: (error) => setErrors({ form: getErrorMessage(error) }),
    });
  };

  const undo = () => {
    setValues(valuesOf(organization));
    setCarryOver(carryOverOf(organization.vacationCarryOverUntil));
    setErrors({});
  };

  return { save, values, setValues, set, carryOver, setCarryOver, errors, zoneChanged, currencyChanged, dirty, submit, undo };
}
