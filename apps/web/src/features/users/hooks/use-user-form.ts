import type { SetPasswordLink, User } from '@workdiary/shared';
import { useState } from 'react';
import { toast } from '../../../components/toast';
import { isInviteResponse, useCreateUser, useUpdateUser } from '../api/users';
import {
  buildCreateBody, buildPatchBody, draftFrom, serverErrorToFormErrors, type UserDraft, type UserFormErrors,
} from '../components/user-form';
import { translate as t } from '../../../lib/i18n/i18n';

type UserFormInput = { onClose: () => void; user?: User; currency: string };

/**
 * The Add user / Edit user dialog's state: the draft and its errors, the save (create or update),
 * and after an invite the one-time link to pass on.
 */
export function useUserForm({ onClose, user, currency }: UserFormInput) {
  const [draft, setDraft] = useState<UserDraft>(() => draftFrom(user, currency));
  const [errors, setErrors] = useState<UserFormErrors>({});
  const [link, setLink] = useState<SetPasswordLink | null>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
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

  return { draft, setDraft, errors, link, saving, submit };
}
