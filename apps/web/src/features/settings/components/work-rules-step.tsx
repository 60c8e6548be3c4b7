import type { WorkRulesView } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorState } from '../../../components/error-state';
import { ChevronRightIcon } from '../../../components/icons';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { getErrorMessage } from '../../../lib/api-client';
import { DEFAULT_TARGET, workRulesQueryOptions, type RulesTarget } from '../api/work-rules';
import { useRulesUsers } from '../api/users';
import { useRulesEditor } from '../hooks/use-rules-editor';
import { RuleChecks, RulesSource, SessionLimits, WeekdayHours } from './rules-editor-fields';
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
  const editor = useRulesEditor({ target, targetName, view, onDirtyChange });
  const { draft, set, errors, save, reset } = editor;

  return (
    <form className="rules-form" onSubmit={editor.submit} noValidate aria-label={t('Work rules for {targetName}', { targetName })}>
      <RulesSource isDefaults={editor.isDefaults} inherited={view.inherited} targetName={targetName} onUseDefaults={() => editor.setConfirmReset(true)} />

      <WeekdayHours hours={draft.hours} errors={errors} weekMinutes={editor.weekMinutes} onChange={(hours) => set('hours', hours)} />

      <SessionLimits draft={draft} set={set} errors={errors} />

      <RuleChecks draft={draft} set={set} />

      {save.isError ? <p className="form-alert" role="alert">{getErrorMessage(save.error)}</p> : null}

      <div className="wizard-actions">
        <span className="wizard-actions__status" aria-live="polite">
          {editor.dirty ? t('Unsaved changes') : ''}
        </span>
        <Button type="submit" variant="primary" loading={save.isPending} loadingText={t('Saving…')}>{t('Submit')}</Button>
        <Button onClick={onNext} disabled={save.isPending}>{t('Next')} <ChevronRightIcon size={16} /></Button>
      </div>

      <ConfirmDialog
        open={editor.confirmReset}
        title={t('Use the organisation defaults?')}
        message={t('{targetName}\'s own rules are removed; the organisation defaults apply from now on.', { targetName })}
        confirmLabel={t('Use defaults')}
        tone="primary"
        loading={reset.isPending}
        loadingText={t('Resetting…')}
        onCancel={() => editor.setConfirmReset(false)}
        onConfirm={editor.resetToDefaults}
      />
    </form>
  );
}
