import { cx } from '../lib/cx';
import { IconButton } from './icon-button';
import { AlertIcon, CheckIcon, XIcon } from './icons';
import { useToasts } from './toast';

/** Renders the toasts pushed with `toast.success/error/info`. Mounted once, in the app root. */
export function Toaster() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <section className="toaster" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={cx('toast', `toast--${t.tone}`)} role={t.tone === 'error' ? 'alert' : 'status'}>
          <span className="toast__icon" aria-hidden="true">
            {t.tone === 'error' ? <AlertIcon size={18} /> : <CheckIcon size={18} />}
          </span>
          <div className="toast__text">
            {t.title ? <p className="toast__title">{t.title}</p> : null}
            <p className="toast__message">{t.message}</p>
          </div>
          <IconButton label="Dismiss notification" icon={<XIcon size={16} />} size="sm" onClick={() => dismiss(t.id)} />
        </div>
      ))}
    </section>
  );
}
