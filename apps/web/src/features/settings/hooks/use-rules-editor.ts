import type { WorkRulesView } from '@workdiary/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { toast } from '../../../components/toast';
import { translate as t } from '../../../lib/i18n/i18n';
import { DEFAULT_TARGET, useResetWorkRules, useSaveWorkRules, type RulesTarget } from '../api/work-rules';
import { fromDraft, isDirty, rulesOf, toDraft, type RulesDraft, type RulesErrors } from '../lib/rules-draft';

/** Changes one field of the draft. */
export type SetRule = <K extends keyof RulesDraft>(key: K, value: RulesDraft[K]) => void;

export type RulesEditorOptions = {
  target: RulesTarget;
  targetName: string;
  view: WorkRulesView;
  onDirtyChange: (dirty: boolean) => void;
};

/**
 * Step 1's form state: the draft started from the stored rules, its errors (shown after the first
 * submit), saving it, and resetting the user to the organisation defaults (after a confirmation).
 */
export function useRulesEditor({ target, targetName, view, onDirtyChange }: RulesEditorOptions) {
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

  const set: SetRule = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
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

  function resetToDefaults() {
    reset.mutate(target, {
      onSuccess: () => {
        setConfirmReset(false);
        toast.success(t('Saved'), { title: t('{targetName} now uses the organisation defaults', { targetName }) });
      },
      onError: (err) => {
        setConfirmReset(false);
        toast.error(err);
      },
    });
  }

  return { draft, set, errors, dirty, isDefaults, weekMinutes, save, reset, submit, confirmReset, setConfirmReset, resetToDefaults };
}
