import { cx } from '../lib/cx';
import { IconButton } from './icon-button';
import { AlertIcon, CheckIcon, XIcon } from './icons';
import { useToasts } from './toast';
import { translate as t } from '../lib/i18n/i18n';

/** Renders the toasts pushed with `toast.success/error/info`. Mounted once, in the app root. */
export function Toaster() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <section className="toaster" aria-label={t('Notifications')}>
      {toasts.map((item) => (
        <div key={item.id} className={cx('toast', `toast--${item.tone}`)} role={item.tone === 'error' ? 'alert' : 'status'}>
          <span className="toast__icon" aria-hidden="true">
            {item.tone === 'error' ? <AlertIcon size={18} /> : <CheckIcon size={18} />}
          </span>
          <div className="toast__text">
            {item.title ? <p className="toast__title">{item.title}</p> : null}
            <p className="toast__message">{item.message}</p>
          </div>
          <IconButton label={t('Dismiss notification')} icon={<XIcon size={16} />} size="sm" onClick={() => dismiss(item.id)} />
        </div>
      ))}
    </section>
  );
}
