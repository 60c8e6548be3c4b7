import { COMPLIANCE_RULES, type ComplianceRule, type Organization } from '@workdiary/shared';
import { useState } from 'react';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Checkbox } from '../../../components/checkbox';
import { ruleName } from '../../../components/compliance/rules';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useSaveOrganization } from '../api/organization';

/** The organisation's working-time law check (admins): on or off, and which rules are judged. */
export function ComplianceSettingsCard({ organization }: { organization: Organization }) {
  const t = useT();
  const save = useSaveOrganization();
  const initial = organization.compliance ?? { enabled: true, rules: [...COMPLIANCE_RULES] };
  const [enabled, setEnabled] = useState(initial.enabled);
  const [rules, setRules] = useState<ComplianceRule[]>(initial.rules);
  const [error, setError] = useState<string | undefined>();

  function toggle(rule: ComplianceRule, on: boolean) {
    setRules((current) => COMPLIANCE_RULES.filter((r) => (r === rule ? on : current.includes(r))));
  }

  function submit() {
    setError(undefined);
    save.mutate(
      { name: organization.name, timeZone: organization.timeZone, currency: organization.currency, compliance: { enabled, rules } },
      { onSuccess: () => toast.success(t('Working-time law settings saved')), onError: (e) => setError(getErrorMessage(e)) },
    );
  }

  return (
    <Card title={t('Working-time law (ArbZG)')}>
      <form className="org-compliance" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Checkbox
          label={t('Check every day against the working-time law')}
          hint={t('Days that break a rule are marked in the Work diary and My month; nothing is refused.')}
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <fieldset className="org-compliance__rules" disabled={!enabled}>
          <legend>{t('Rules checked')}</legend>
          {COMPLIANCE_RULES.map((rule) => (
            <Checkbox key={rule} label={ruleName(rule)} checked={rules.includes(rule)} onChange={(e) => toggle(rule, e.target.checked)} />
          ))}
        </fieldset>
        {error ? <p className="field__error" role="alert">{error}</p> : null}
        <Button type="submit" variant="primary" loading={save.isPending} loadingText={t('Saving…')}>{t('Save')}</Button>
      </form>
    </Card>
  );
}
