import { useEffect, useState, type FormEvent } from 'react';
import { PayrollSettingsSchema, type PayrollSettings } from '@workdiary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { api, getErrorMessage, isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';

const KEY = ['settings', 'payroll'] as const;

type Draft = { consultant: string; client: string; worked: string; overtime: string; vacation: string; sick: string };
type Field = keyof Draft;

/** Server issue path ("datevConsultantNumber", "wageTypes.sick") → the field it is about. */
const FIELD_OF_PATH: Record<string, Field> = {
  datevConsultantNumber: 'consultant',
  datevClientNumber: 'client',
  'wageTypes.worked': 'worked',
  'wageTypes.overtime': 'overtime',
  'wageTypes.vacation': 'vacation',
  'wageTypes.sick': 'sick',
};

function draftOf(s: PayrollSettings): Draft {
  return {
    consultant: s.datevConsultantNumber ?? '',
    client: s.datevClientNumber ?? '',
    worked: s.wageTypes.worked ?? '',
    overtime: s.wageTypes.overtime ?? '',
    vacation: s.wageTypes.vacation ?? '',
    sick: s.wageTypes.sick ?? '',
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** DATEV payroll settings (admins): consultant and client number, the wage types (Lohnarten) of the LODAS file. */
export function PayrollCard() {
  const t = useT();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get('/api/settings/payroll', { schema: PayrollSettingsSchema, signal }) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (d: Draft) => api.put('/api/settings/payroll', {
      body: {
        datevConsultantNumber: orNull(d.consultant),
        datevClientNumber: orNull(d.client),
        wageTypes: { worked: orNull(d.worked), overtime: orNull(d.overtime), vacation: orNull(d.vacation), sick: orNull(d.sick) },
      },
      schema: PayrollSettingsSchema,
    }),
    onSuccess: (saved) => {
      setErrors({});
      queryClient.setQueryData(KEY, saved);
      toast.success(t('Payroll settings saved.'));
    },
    onError: (error) => {
      if (isApiError(error, 'VALIDATION_ERROR')) {
        const issues = (error.details as { issues?: Array<{ path?: string; message?: string }> } | undefined)?.issues ?? [];
        const next: Partial<Record<Field | 'form', string>> = {};
        for (const issue of issues) {
          const field = FIELD_OF_PATH[String(issue.path ?? '').replace(/^body\./, '')] ?? 'form';
          next[field] ??= String(issue.message ?? error.message);
        }
        setErrors(Object.keys(next).length > 0 ? next : { form: getErrorMessage(error) });
        return;
      }
      setErrors({ form: getErrorMessage(error) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft && !save.isPending) save.mutate(draft);
  }
  const field = (key: Field, label: string, hint: string, maxLength: number) => (
    <TextField
      label={label}
      inputMode="numeric"
      autoComplete="off"
      maxLength={maxLength}
      value={draft?.[key] ?? ''}
      onChange={(e) => setDraft((d) => (d ? { ...d, [key]: e.target.value } : d))}
      error={errors[key]}
      hint={hint}
    />
  );

  return (
    <Card title={t('Payroll (DATEV LODAS)')} className="settings-card">
      {settings.isPending ? <Spinner label={t('Loading…')} /> : null}
      {settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} title={t('Could not load the payroll settings')} /> : null}
      {draft ? (
        <form className="stack" onSubmit={submit} noValidate aria-label={t('Payroll (DATEV LODAS)')}>
          <p className="settings-card__text">{t('Your tax adviser gives you these numbers. The Work diary’s “DATEV LODAS” button writes the month’s hours with them.')}</p>
          {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
          <div className="form-grid">
            {field('consultant', t('DATEV consultant number'), t('Beraternummer, 4–7 digits'), 7)}
            {field('client', t('DATEV client number'), t('Mandantennummer, 1–5 digits'), 5)}
          </div>
          <fieldset className="payroll-wage-types">
            <legend className="field__label">{t('Wage types (Lohnart numbers, 1–4 digits)')}</legend>
            <div className="form-grid">
              {field('worked', t('Hours worked'), t('All hours worked'), 4)}
              {field('overtime', t('Overtime'), t('The Extra hours (paid with the factor on top)'), 4)}
              {field('vacation', t('Vacation'), t('Hours credited by vacation'), 4)}
              {field('sick', t('Sick leave'), t('Hours credited by sick leave'), 4)}
            </div>
          </fieldset>
          <Button type="submit" variant="primary" loading={save.isPending}>{t('Save payroll settings')}</Button>
        </form>
      ) : null}
    </Card>
  );
}
