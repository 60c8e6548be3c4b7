import { useCallback, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { Modal } from '../../../components/modal';
import { cx } from '../../../lib/cx';
import type { RulesTarget } from '../api/work-rules';
import { CategoriesStep } from './categories-step';
import { WorkRulesStep } from './work-rules-step';
import { translate as t } from '../../../lib/i18n/i18n';

export type WizardStep = 1 | 2;

export type CustomerTimerSettingsModalProps = {
  open: boolean;
  onClose: () => void;
  me: { id: string; name: string };
  initialStep?: WizardStep;
};

type Leave = { kind: 'next' } | { kind: 'close' } | { kind: 'target'; target: RulesTarget };

// A function: the labels follow the active language.
const steps = () => [
  { step: 1, label: t('Work rules') },
  { step: 2, label: t('Categories') },
] as const;

/**
 * "Customer Timer Working settings": Step 1 work rules (per user, or the organisation defaults),
 * Step 2 categories. Leaving Step 1 with unsaved changes asks first.
 */
export function CustomerTimerSettingsModal({ open, onClose, me, initialStep = 1 }: CustomerTimerSettingsModalProps) {
  const [step, setStep] = useState<WizardStep>(initialStep);
  const [target, setTarget] = useState<RulesTarget>(me.id);
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState<Leave | null>(null);
  const onDirtyChange = useCallback((d: boolean) => setDirty(d), []);

  function perform(action: Leave) {
    setDirty(false);
    if (action.kind === 'next') setStep(2);
    else if (action.kind === 'target') setTarget(action.target);
    else {
      setStep(initialStep);
      setTarget(me.id);
      onClose();
    }
  }

  function leave(action: Leave) {
    if (step === 1 && dirty) setPending(action);
    else perform(action);
  }

  return (
    <Modal
      open={open}
      onClose={() => leave({ kind: 'close' })}
      title={t('Customer Timer Working settings')}
      description={step === 1 ? t('Step 1 of 2: work rules') : t('Step 2 of 2: categories')}
      size="lg"
      closeOnBackdrop={false}
      className="settings-wizard"
    >
      <ol className="wizard-steps" aria-label={t('Steps')}>
        {steps().map((s) => (
          <li key={s.step} className={cx('wizard-steps__item', s.step === step && 'wizard-steps__item--current', s.step < step && 'wizard-steps__item--done')} aria-current={s.step === step ? 'step' : undefined}>
            <span className="wizard-steps__number" aria-hidden="true">{s.step}</span>
            {s.label}
          </li>
        ))}
      </ol>
      {step === 1 ? (
        <WorkRulesStep
          me={me}
          target={target}
          onRequestTarget={(t) => leave({ kind: 'target', target: t })}
          onDirtyChange={onDirtyChange}
          onNext={() => leave({ kind: 'next' })}
        />
      ) : (
        <CategoriesStep onBack={() => setStep(1)} onDone={() => leave({ kind: 'close' })} />
      )}
      <ConfirmDialog
        open={pending !== null}
        title={t('Discard unsaved changes?')}
        message={t('You changed the work rules but did not submit them. Leave without saving and the changes are lost.')}
        confirmLabel={t('Discard changes')}
        cancelLabel={t('Keep editing')}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const action = pending;
          setPending(null);
          if (action) perform(action);
        }}
      />
    </Modal>
  );
}
