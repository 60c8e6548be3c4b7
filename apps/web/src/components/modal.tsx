import { createContext, use, useEffect, useEffectEvent, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { cx } from '../lib/cx';
import { IconButton } from './icon-button';
import { XIcon } from './icons';
import { translate as t } from '../lib/i18n/i18n';

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

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// Open dialogs: only the top one answers Escape and traps Tab. A dialog opened from inside another
// is above it even when both mount together (React runs the inner effect first).
type OpenDialog = { depth: number };
const openDialogs: OpenDialog[] = [];
const DepthContext = createContext(0);

function isTopDialog(dialog: OpenDialog): boolean {
  const maxDepth = Math.max(...openDialogs.map((d) => d.depth));
  return openDialogs.findLast((d) => d.depth === maxDepth) === dialog;
}

function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hasAttribute('inert'));
}

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

  const close = useEffectEvent(() => onClose());
  const focusInitial = useEffectEvent(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // A field inside may already have taken focus (autoFocus).
    if (dialog.contains(document.activeElement)) return;
    const target = initialFocusRef?.current ?? (bodyRef.current && focusableIn(bodyRef.current)[0]) ?? dialog;
    target.focus();
  });

  useEffect(() => {
    const token: OpenDialog = { depth };
    openDialogs.push(token);
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const previousOverflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    focusInitial();

    function onKeyDown(event: KeyboardEvent) {
      if (!isTopDialog(token)) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      }
      if (event.key !== 'Tab' || !dialogRef.current) return;
      const items = focusableIn(dialogRef.current);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !dialogRef.current.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !dialogRef.current.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    }
    document.addEventListener('keydown', onKeyDown);

    return () => {
      document.removeEventListener('keydown', onKeyDown);
      openDialogs.splice(openDialogs.indexOf(token), 1);
      if (openDialogs.length === 0) document.body.style.overflow = previousOverflow;
      if (previouslyFocused?.isConnected) previouslyFocused.focus();
    };
    // depth never changes while a dialog is open: this runs once per opening.
  }, [depth]);

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
