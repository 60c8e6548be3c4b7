import { useId, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { CheckIcon } from '../../../components/icons';
import { copyText } from '../../../lib/clipboard';
import { useFormat } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

/** The one-time set-password link, shown once to the admin with a Copy button; says when it was also mailed. */
export function InviteLink({ name, url, expiresAt, mailedTo }: { name: string; url: string; expiresAt: string; mailedTo?: string | null }) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  // The organisation's locale and zone, not the browser's.
  const expires = useFormat().dateTime(expiresAt);
  return (
    <div className="invite-link">
      <p className="invite-link__success" role="status">
        {mailedTo ? t('An invitation with this link was mailed to {email}.', { email: mailedTo }) : t('Pass this link on to {name}.', { name })}
      </p>
      <p className="muted" style={{ margin: 0 }}>
        {t('They open it, choose a password and are signed in. It works once and until {expires}. It is shown only now; you can create a new one from the user’s Edit dialog.', { expires })}
      </p>
      <label htmlFor={inputId} className="field__label">{t('Set-password link')}</label>
      <div className="invite-link__row">
        <input id={inputId} ref={inputRef} className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <Button
          variant="primary"
          icon={copied === 'yes' ? <CheckIcon size={16} /> : undefined}
          onClick={() => void copyText(url, inputRef.current).then((ok) => setCopied(ok ? 'yes' : 'failed'))}
        >
          {copied === 'yes' ? t('Copied') : t('Copy')}
        </Button>
      </div>
      {copied === 'failed' ? <p className="field__error" role="alert">{t('Could not copy. Select the link and copy it by hand.')}</p> : null}
      {copied === 'yes' ? <span role="status" className="visually-hidden">{t('Link copied')}</span> : null}
    </div>
  );
}
