import type { User } from '@workdiary/shared';
import { useId } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { useUserForm } from '../hooks/use-user-form';
import { InviteLink } from './invite-link';
import { UserAccountActions } from './user-account-actions';
import { UserForm } from './user-form';
import { translate as t } from '../../../lib/i18n/i18n';

export type UserFormModalProps = {
  open: boolean;
  onClose: () => void;
  /** Absent: Add user. Present: Edit that user. */
  user?: User;
  currency: string;
};

/** Add user / Edit user. After an invite, the modal turns into the link to pass on. */
export function UserFormModal({ open, onClose, user, currency }: UserFormModalProps) {
  if (!open) return null;
  return <UserFormDialog key={user?.id ?? 'new'} onClose={onClose} user={user} currency={currency} />;
}

function UserFormDialog({ onClose, user, currency }: Omit<UserFormModalProps, 'open'>) {
  const formId = useId();
  const mode = user ? 'edit' : 'create';
  const { draft, setDraft, errors, link, saving, submit } = useUserForm({ onClose, user, currency });

  if (link) {
    return (
      <Modal open title={t('{name} was added', { name: link.user.name })} onClose={onClose} closeOnBackdrop={false} footer={<Button variant="primary" onClick={onClose}>{t('Done')}</Button>}>
        <InviteLink name={link.user.name} url={link.setPasswordUrl} expiresAt={link.expiresAt} mailedTo={link.mailed ? link.user.email : null} />
      </Modal>
    );
  }

  return (
    <Modal
      open
      size="lg"
      title={mode === 'create' ? t('Add user') : t('Edit {name}', { name: user?.name ?? '' })}
      onClose={() => {
        if (!saving) onClose();
      }}
      closeOnBackdrop={false}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={saving}>{t('Cancel')}</Button>
          <Button type="submit" form={formId} variant="primary" loading={saving} loadingText={t('Saving…')}>
            {mode === 'create' ? t('Add user') : t('Save')}
          </Button>
        </>
      }
    >
      <UserForm id={formId} mode={mode} draft={draft} onChange={setDraft} errors={errors} currency={currency} onSubmit={submit} disabled={saving} />
      {mode === 'edit' && user?.active ? <UserAccountActions user={user} /> : null}
    </Modal>
  );
}
