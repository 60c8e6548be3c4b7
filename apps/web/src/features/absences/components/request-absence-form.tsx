import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { VacationRequestHint } from '../../../components/balance/vacation-request-hint';
import { MANAGER_ROLES, hasRole, useCurrentUser } from '../../../lib/current-user';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useAbsenceKinds, usePeople, useRequestAbsence } from '../api/absences';

/**
 * Ask for an absence (vacation, sick leave, …) over whole days; a manager approves it. Managers
 * and admins also record one for someone else (the person's sick leave).
 */
export function RequestAbsenceForm() {
  const t = useT();
  const me = useCurrentUser();
  const kinds = useAbsenceKinds();
  const request = useRequestAbsence();
  const isManager = hasRole(me, MANAGER_ROLES);
  const people = usePeople(isManager);
  const [userId, setUserId] = useState(me.id);
  const forSomeoneElse = userId !== me.id;
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
    request.mutate({ kindId, startDate, endDate, note, ...(forSomeoneElse ? { userId } : {}) }, {
      onSuccess: () => {
        toast.success(forSomeoneElse
          ? t('Absence recorded for {name}. Approve it in the list below.', { name: people.data?.find((p) => p.id === userId)?.name ?? '' })
          : t('Absence requested. A manager will approve it.'));
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
      {isManager ? (
        <SelectField
          label={t('Person')}
          options={(people.data ?? [{ id: me.id, name: me.name }]).map((p) => ({ value: p.id, label: p.id === me.id ? `${p.name} ${t('(you)')}` : p.name }))}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          hint={people.isError ? t('Could not load the people: you can record your own absence.') : undefined}
        />
      ) : null}
      <SelectField label={t('Kind')} placeholder={kinds.isPending ? t('Loading…') : t('Choose a kind…')} options={options} value={kindId} onChange={(e) => setKindId(e.target.value)} />
      <TextField label={t('First day')} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
      <TextField label={t('Last day')} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value || startDate)} />
      {kinds.data?.items.find((k) => k.id === kindId)?.vacation && startDate ? (
        <VacationRequestHint userId={userId} startDate={startDate} endDate={endDate || startDate} />
      ) : null}
      <TextField label={t('Note')} value={note} onChange={(e) => setNote(e.target.value)} />
      {error ? <p className="form-alert absence-form__error" role="alert">{error}</p> : null}
      <Button type="submit" variant="primary" loading={request.isPending}>{forSomeoneElse ? t('Record absence') : t('Request absence')}</Button>
    </form>
  );
}
