import { Card } from '../../../components/card';
import { useT } from '../../../lib/i18n/i18n';
import { useImportWizard } from '../hooks/use-import-wizard';
import { ImportSteps, PreviewStep, ResultStep, ToolStep, UploadStep } from './import-wizard-steps';

/** Choose the tool → upload its file → preview (map people) → import → result. */
export function ImportWizard() {
  const t = useT();
  const wizard = useImportWizard();
  const { step, preview, result } = wizard;

  return (
    <Card title={t('Import from another time tracker')} className="settings-card import-wizard">
      <ImportSteps step={step} />

      {step === 'tool' ? <ToolStep format={wizard.format} onFormat={wizard.setFormat} onNext={() => wizard.setStep('upload')} /> : null}

      {step === 'upload' ? <UploadStep wizard={wizard} /> : null}

      {step === 'preview' && preview ? <PreviewStep wizard={wizard} preview={preview} /> : null}

      {step === 'done' && result ? <ResultStep result={result} onRestart={wizard.restart} /> : null}
    </Card>
  );
}
