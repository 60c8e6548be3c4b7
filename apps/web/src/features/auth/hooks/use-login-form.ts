import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { loadLoginSchemas, useLogin } from '../api/login';

export type LoginFieldErrors = { email?: string; password?: string };

/** Warms the shared schemas' chunk up while the user types, so that submitting need not wait for it. */
const preloadSchemas = () => void loadLoginSchemas().catch(() => {});

/** The sign-in form: email and password, checked against the shared LoginBodySchema, then signing in and on to `next`. */
export function useLoginForm(next: string) {
  const navigate = useNavigate();
  const login = useLogin();
  const [email, setEmailValue] = useState('');
  const [password, setPasswordValue] = useState('');
  const [fieldErrors, setFieldErrors] = useState<LoginFieldErrors>({});
  const setEmail = (value: string) => {
    setEmailValue(value);
    preloadSchemas();
  };
  const setPassword = (value: string) => {
    setPasswordValue(value);
    preloadSchemas();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Empty fields are said at once; the rest of the shared LoginBodySchema's rules need its chunk
    // (zod is not part of the first load), usually loaded by then: it starts with the first keystroke.
    const empty: LoginFieldErrors = {
      ...(email.trim() === '' ? { email: 'Email is required' } : {}),
      ...(password === '' ? { password: 'Password is required' } : {}),
    };
    if (empty.email || empty.password) {
      setFieldErrors(empty);
      return;
    }
    const { LoginBodySchema } = await loadLoginSchemas();
    const parsed = LoginBodySchema.safeParse({ email, password });
    if (!parsed.success) {
      const errors: LoginFieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'email' || field === 'password') && !errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  return { login, email, setEmail, password, setPassword, fieldErrors, onSubmit };
}
