import { useId, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { CheckIcon } from '../../../components/icons';
import { copyText } from '../../../lib/clipboard';
import { useT } from '../../../lib/i18n/i18n';

/** A secret shown once (a new API token, a calendar feed URL): read-only, selectable, with a Copy button. */
export function SecretValue({ label, value, note, onDone }: { label: string; value: string; note: string; onDone: () => void }) {
  const t = useT();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <div className="secret-value">
      <p className="secret-value__note" role="status">{note}</p>
      <label htmlFor={inputId} className="field__label">{label}</label>
      <div className="secret-value__row">
        <input id={inputId} ref={inputRef} className="input secret-value__input" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <Button
          variant="primary"
          icon={copied === 'yes' ? <CheckIcon size={16} /> : undefined}
          onClick={() => void copyText(value, inputRef.current).then((ok) => setCopied(ok ? 'yes' : 'failed'))}
        >
          {copied === 'yes' ? t('Copied') : t('Copy')}
        </Button>
        <Button variant="ghost" onClick={onDone}>{t('Done')}</Button>
      </div>
      {copied === 'failed' ? <p className="field__error" role="alert">{t('Could not copy. Select the text and copy it by hand.')}</p> : null}
    </div>
  );
}
