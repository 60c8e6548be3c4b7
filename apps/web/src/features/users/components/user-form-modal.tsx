import type { SetPasswordLink, User } from '@workdiary/shared';
import { useId, useState } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { isInviteResponse, useCreateUser, useIssueSetPasswordLink, useSignOutEverywhere, useUpdateUser } from '../api/users';
import { InviteLink } from './invite-link';
import { UserApiTokens } from './user-api-tokens';
import {
  buildCreateBody, buildPatchBody, draftFrom, serverErrorToFormErrors, UserForm, type UserDraft, type UserFormErrors,
} from './user-form';
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
  const [draft, setDraft] = useState<UserDraft>(() => draftFrom(user, currency));
  const [errors, setErrors] = useState<UserFormErrors>({});
  const [link, setLink] = useState<SetPasswordLink | null>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const issueLink = useIssueSetPasswordLink();
  const signOut = useSignOutEverywhere();
  const saving = create.isPending || update.isPending;

  const onError = (error: unknown) => setErrors(serverErrorToFormErrors(error));

  const submitCreate = () => {
    const built = buildCreateBody(draft, currency);
    if ('errors' in built) return setErrors(built.errors);
    setErrors({});
    create.mutate(built.body, {
      onError,
      onSuccess: (result) => {
        if (isInviteResponse(result)) {
          setLink(result);
          toast.success(t('{name} was added.', { name: result.user.name }));
        } else {
          toast.success(t('{name} was added and can sign in now.', { name: result.name }));
          onClose();
        }
      },
    });
  };

  const submitEdit = (id: string) => {
    const built = buildPatchBody(draft, currency);
    if ('errors' in built) return setErrors(built.errors);
    setErrors({});
    update.mutate({ id, patch: built.body }, {
      onError,
      onSuccess: (saved) => {
        toast.success(t('{name} was saved.', { name: saved.name }));
        onClose();
      },
    });
  };

  const submit = () => (user ? submitEdit(user.id) : submitCreate());

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
      {mode === 'edit' && user?.active ? (
        <div className="user-form__group" style={{ marginTop: 'var(--space-5)' }}>
          <p className="field__label" style={{ margin: 0 }}>{t('Password')}</p>
          {issueLink.data ? (
            <InviteLink name={issueLink.data.user.name} url={issueLink.data.setPasswordUrl} expiresAt={issueLink.data.expiresAt} mailedTo={issueLink.data.mailed ? issueLink.data.user.email : null} />
          ) : (
            <div className="row">
              <Button size="sm" loading={issueLink.isPending} loadingText={t('Creating link…')} onClick={() => issueLink.mutate(user.id)}>
                {t('Create a set-password link')}
              </Button>
              <span className="muted">{t('For a forgotten password or an expired invitation.')}</span>
            </div>
          )}
          {issueLink.error ? <p className="field__error" role="alert">{getErrorMessage(issueLink.error)}</p> : null}
          <p className="field__label" style={{ margin: 'var(--space-3) 0 0' }}>{t('Sessions')}</p>
          <div className="row">
            <Button
              size="sm"
              loading={signOut.isPending}
              loadingText={t('Signing out…')}
              onClick={() => signOut.mutate(user.id, {
                onSuccess: ({ ended }) => toast.success(ended === 0 ? t('{name} was not signed in anywhere.', { name: user.name }) : t('{name} was signed out on {count, plural, one {# device} other {# devices}}.', { name: user.name, count: ended })),
              })}
            >
              {t('Sign out everywhere')}
            </Button>
            <span className="muted">{t('Ends every session of {name} at once, e.g. for a lost phone.', { name: user.name })}</span>
          </div>
          {signOut.error ? <p className="field__error" role="alert">{getErrorMessage(signOut.error)}</p> : null}
          <p className="field__label" style={{ margin: 'var(--space-3) 0 0' }}>{t('API tokens')}</p>
          <UserApiTokens userId={user.id} name={user.name} />
        </div>
      ) : null}
    </Modal>
  );
}
