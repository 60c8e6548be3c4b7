import { createContext, use, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { cx } from '../lib/cx';
import { IconButton } from './icon-button';
import { XIcon } from './icons';
import { translate as t } from '../lib/i18n/i18n';
import { useDialogFocus } from './use-dialog-focus';

export type ModalProps = {
  open: boolean;
  title: ReactNode;
  /** Called on Escape, the close button, and (unless `closeOnBackdrop` is false) a backdrop click. */
  onClose: () => void;
  children: ReactNode;
  /** Buttons, right-aligned under the body. */
  footer?: ReactNode;
  /** Short text under the title, announced as the dialog's description. */
  description?: ReactNode;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** Element to focus on open; default: the first field or button in the body, else the dialog. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  closeOnBackdrop?: boolean;
  /** Header actions left of the close button (e.g. a black "+" or Export). */
  headerActions?: ReactNode;
  className?: string;
};

/** How many dialogs a dialog sits inside (the top one answers Escape and traps Tab). */
const DepthContext = createContext(0);

export function Modal(props: ModalProps) {
  if (!props.open) return null;
  return createPortal(<ModalDialog {...props} />, document.body);
}

function ModalDialog({
  title,
  onClose,
  children,
  footer,
  description,
  size = 'md',
  initialFocusRef,
  closeOnBackdrop = true,
  headerActions,
  className,
}: ModalProps) {
  const depth = use(DepthContext) + 1;
  const dialogRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useDialogFocus({ depth, dialogRef, bodyRef, initialFocusRef, onClose });

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (closeOnBackdrop && event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        className={cx('modal', `modal--${size}`, className)}
      >
        <DepthContext value={depth}>
          <div className="modal__header">
            <div className="modal__titles">
              <h2 id={titleId} className="modal__title">{title}</h2>
              {description ? <p id={descriptionId} className="modal__description">{description}</p> : null}
            </div>
            <div className="modal__header-actions">
              {headerActions}
              <IconButton label={t('Close')} icon={<XIcon />} onClick={onClose} size="sm" />
            </div>
          </div>
          <div ref={bodyRef} className="modal__body">{children}</div>
          {footer ? <div className="modal__footer">{footer}</div> : null}
        </DepthContext>
      </div>
    </div>
  );
}
