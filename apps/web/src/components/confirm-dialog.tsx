import { useRef, type ReactNode } from 'react';
import { Button } from './button';
import { Modal } from './modal';
import { translate } from '../lib/i18n/i18n';

export type ConfirmDialogProps = {
  open: boolean;
  title: ReactNode;
  message: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  confirmLabel?: string;
  cancelLabel?: string;
  /** danger = red confirm button (default); primary = green. */
  tone?: 'danger' | 'primary';
  /** While the action runs: confirm shows a spinner, nothing closes the dialog. */
  loading?: boolean;
  loadingText?: string;
};

/** "Are you sure?" — focus starts on Cancel so Enter never destroys anything by accident. */
export function ConfirmDialog({
  open,
  title,
  message,
  onConfirm,
  onCancel,
  confirmLabel = translate('Delete'),
  cancelLabel = translate('Cancel'),
  tone = 'danger',
  loading = false,
  loadingText,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = () => {
    if (!loading) onCancel();
  };
  return (
    <Modal
      open={open}
      title={title}
      onClose={cancel}
      size="sm"
      initialFocusRef={cancelRef}
      footer={
        <>
          <Button ref={cancelRef} variant="ghost" onClick={cancel} disabled={loading}>
            {cancelLabel}
          </Button>
          <Button variant={tone} loading={loading} loadingText={loadingText} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="confirm-message">{message}</div>
    </Modal>
  );
}
