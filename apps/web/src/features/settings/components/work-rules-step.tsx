import type { WorkRulesView } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { Checkbox } from '../../../components/checkbox';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorState } from '../../../components/error-state';
import { ChevronRightIcon } from '../../../components/icons';
import { NumberField } from '../../../components/number-field';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { formatMinutes } from '@workdiary/shared';
import { DEFAULT_TARGET, useResetWorkRules, useSaveWorkRules, workRulesQueryOptions, type RulesTarget } from '../api/work-rules';
import { useRulesUsers } from '../api/users';
import { weekdays, weekdaysShort } from '../lib/hours';
import { fromDraft, isDirty, rulesOf, toDraft, type RulesDraft, type RulesErrors } from '../lib/rules-draft';
import { translate as t } from '../../../lib/i18n/i18n';

export type WorkRulesStepProps = {
  me: { id: string; name: string };
  target: RulesTarget;
  /** Asks to show another user's rules; the wizard confirms first when there are unsaved changes. */
  onRequestTarget: (target: RulesTarget) => void;
  onDirtyChange: (dirty: boolean) => void;
  onNext: () => void;
};

/** Step 1: the WorkRules of a chosen user, or the organisation's defaults. */
export function WorkRulesStep({ me, target, onRequestTarget, onDirtyChange, onNext }: WorkRulesStepProps) {
  const users = useRulesUsers();
  // No refetch on focus: a newer version arriving mid-edit would reset the form.
  const rules = useQuery({ ...workRulesQueryOptions(target), refetchOnWindowFocus: false });

  const listed = users.data ?? [];
  const everyone = listed.some((u) => u.id === me.id) ? listed : [{ id: me.id, name: me.name, active: true }, ...listed];
  const userOptions = everyone
    .filter((u) => u.active || u.id === target)
    .map((u) => ({ value: u.id, label: `${u.name}${u.id === me.id ? ` ${t('(you)')}` : ''}${u.active ? '' : ` ${t('(deactivated)')}`}` }));
  const options = [{ value: DEFAULT_TARGET, label: t('Organisation defaults (new users and users without own rules)') }, ...userOptions];
  const targetName = target === DEFAULT_TARGET
    ? 'the organisation defaults'
    : users.data?.find((u) => u.id === target)?.name ?? (target === me.id ? me.name : 'this user');

  return (
    <div className="wizard-step">
      <SelectField
        label={t('Rules for')}
        value={target}
        options={options}
        onChange={(e) => onRequestTarget(e.target.value)}
        hint={users.isError ? t('Only you are listed: the users could not be loaded ({value1}).', { value1: getErrorMessage(users.error) }) : undefined}
        className="rules-target"
      />
      {rules.isPending ? (
        <div className="wizard-step__loading"><Spinner label={t('Loading the work rules…')} /></div>
      ) : rules.isError ? (
        <ErrorState error={rules.error} title={t('Could not load the work rules')} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
      ) : (
        <RulesEditor
          // A new target, or a save, starts the form again from what is stored.
          key={`${target}|${rules.data.updatedAt ?? ''}|${String(rules.data.inherited)}`}
          target={target}
          targetName={targetName}
          view={rules.data}
          onDirtyChange={onDirtyChange}
          onNext={onNext}
        />
      )}
      {!rules.isSuccess ? (
        <div className="wizard-actions">
          <Button onClick={onNext}>{t('Next')} <ChevronRightIcon size={16} /></Button>
        </div>
      ) : null}
    </div>
  );
}

type RulesEditorProps = {
  target: RulesTarget;
  targetName: string;
  view: WorkRulesView;
  onDirtyChange: (dirty: boolean) => void;
  onNext: () => void;
};

function RulesEditor({ target, targetName, view, onDirtyChange, onNext }: RulesEditorProps) {
  const [draft, setDraft] = useState<RulesDraft>(() => toDraft(view));
  const [showErrors, setShowErrors] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const save = useSaveWorkRules();
  const reset = useResetWorkRules();
  const saved = rulesOf(view);
  const dirty = isDirty(draft, saved);
  const result = fromDraft(draft);
  const errors: RulesErrors | null = showErrors && 'errors' in result ? result.errors : null;
  const isDefaults = target === DEFAULT_TARGET;

  useEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);

  const set = <K extends keyof RulesDraft>(key: K, value: RulesDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const weekMinutes = 'rules' in result ? result.rules.requiredMinutes.reduce((a, b) => a + b, 0) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    if ('errors' in result) {
      setShowErrors(true);
      return;
    }
    save.mutate({ target, rules: result.rules }, {
      onSuccess: () => toast.success(t('Saved'), { title: isDefaults ? t('Organisation defaults') : t('Work rules for {targetName}', { targetName }) }),
    });
  }

  return (
    <form className="rules-form" onSubmit={submit} noValidate aria-label={t('Work rules for {targetName}', { targetName })}>
      <p className="rules-form__source" data-testid="rules-source">
        {isDefaults
          ? t('These apply to every user without rules of their own, and to new users.')
          : view.inherited
            ? t('{targetName} uses the organisation defaults. Submitting gives {targetName2} rules of their own.', { targetName, targetName2: targetName })
            : t('{targetName} has rules of their own.', { targetName })}
        {!isDefaults && !view.inherited ? (
          <Button variant="ghost" size="sm" onClick={() => setConfirmReset(true)}>{t('Use organisation defaults')}</Button>
        ) : null}
      </p>

      <fieldset className="rules-form__group">
        <legend>{t('Required hours per weekday')}</legend>
        <div className="weekday-grid">
          {weekdays().map((day, i) => (
            <TextField
              key={day}
              label={<><span aria-hidden="true">{weekdaysShort()[i]}</span><span className="visually-hidden">{day}</span></>}
              value={draft.hours[i] ?? ''}
              inputMode="decimal"
              placeholder="0:00"
              autoComplete="off"
              error={errors?.hours[i] ?? null}
              onChange={(e) => set('hours', draft.hours.map((h, j) => (j === i ? e.target.value : h)))}
              className="weekday-grid__day"
            />
          ))}
        </div>
        <p className="field__hint">
          {t('Hours as 8, 7.5 or 7:30. Work beyond these is extra hours; a day with 0 is all extra.')}
          {weekMinutes !== null ? <> {t('Week:')} <strong>{formatMinutes(weekMinutes)}</strong> {t('h.')}</> : null}
        </p>
      </fieldset>

      <div className="rules-form__grid">
        <NumberField
          label={t('Minimum session')}
          suffix="min"
          min={0}
          max={1440}
          step={1}
          value={draft.minSessionMinutes}
          onValueChange={(v) => set('minSessionMinutes', v)}
          error={errors?.minSessionMinutes ?? null}
          hint={t('Shorter sessions are refused (0 = none).')}
        />
        <NumberField
          label={t('Maximum session')}
          suffix="h"
          min={1}
          max={168}
          step={1}
          value={draft.maxSessionHours}
          onValueChange={(v) => set('maxSessionHours', v)}
          error={errors?.maxSessionHours ?? null}
          hint={t('Longer entries must be split; a longer timer stops, flagged for review.')}
        />
      </div>

      <div className="rules-form__checks">
        <Checkbox
          label={t('Note required on stop')}
          checked={draft.noteRequired}
          onChange={(e) => set('noteRequired', e.target.checked)}
          hint={t('A session without a note is refused.')}
        />
        <Checkbox
          label={t('Allow overlapping sessions')}
          checked={draft.allowOverlap}
          onChange={(e) => set('allowOverlap', e.target.checked)}
          hint={t('Off: one person’s sessions may not overlap.')}
        />
      </div>

      {save.isError ? <p className="form-alert" role="alert">{getErrorMessage(save.error)}</p> : null}

      <div className="wizard-actions">
        <span className="wizard-actions__status" aria-live="polite">
          {dirty ? t('Unsaved changes') : ''}
        </span>
        <Button type="submit" variant="primary" loading={save.isPending} loadingText={t('Saving…')}>{t('Submit')}</Button>
        <Button onClick={onNext} disabled={save.isPending}>{t('Next')} <ChevronRightIcon size={16} /></Button>
      </div>

      <ConfirmDialog
        open={confirmReset}
        title={t('Use the organisation defaults?')}
        message={t('{targetName}\'s own rules are removed; the organisation defaults apply from now on.', { targetName })}
        confirmLabel={t('Use defaults')}
        tone="primary"
        loading={reset.isPending}
        loadingText={t('Resetting…')}
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => reset.mutate(target, {
          onSuccess: () => {
            setConfirmReset(false);
            toast.success(t('Saved'), { title: t('{targetName} now uses the organisation defaults', { targetName }) });
          },
          onError: (err) => {
            setConfirmReset(false);
            toast.error(err);
          },
        })}
      />
    </form>
  );
}
