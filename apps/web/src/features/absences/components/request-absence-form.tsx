import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { VacationRequestHint } from '../../../components/balance/vacation-request-hint';
import { useCurrentUser } from '../../../lib/current-user';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useAbsenceKinds, useRequestAbsence } from '../api/absences';

/** Ask for an absence (vacation, sick leave, …) over whole days; a manager approves it. */
export function RequestAbsenceForm() {
  const t = useT();
  const me = useCurrentUser();
  const kinds = useAbsenceKinds();
  const request = useRequestAbsence();
  const [kindId, setKindId] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const options = (kinds.data?.items ?? []).filter((k) => !k.archived).map((k) => ({ value: k.id, label: t('{name} ({percent}% of the day)', { name: k.name, percent: k.creditPercent }) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!kindId || !startDate || !endDate) {
      setError(t('Choose a kind, the first and the last day.'));
      return;
    }
    request.mutate({ kindId, startDate, endDate, note }, {
      onSuccess: () => {
        toast.success(t('Absence requested. A manager will approve it.'));
        setStartDate('');
        setEndDate('');
        setNote('');
        setError(null);
      },
      onError: (err) => setError(getErrorMessage(err)),
    });
  }

  return (
    <form className="absence-form" onSubmit={submit} noValidate>
      <SelectField label={t('Kind')} placeholder={kinds.isPending ? t('Loading…') : t('Choose a kind…')} options={options} value={kindId} onChange={(e) => setKindId(e.target.value)} />
      <TextField label={t('First day')} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
      <TextField label={t('Last day')} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value || startDate)} />
      {kinds.data?.items.find((k) => k.id === kindId)?.vacation && startDate ? (
        <VacationRequestHint userId={me.id} startDate={startDate} endDate={endDate || startDate} />
      ) : null}
      <TextField label={t('Note')} value={note} onChange={(e) => setNote(e.target.value)} />
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <Button type="submit" variant="primary" loading={request.isPending}>{t('Request absence')}</Button>
    </form>
  );
}
