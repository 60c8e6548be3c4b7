import {
  MonthSchema, UserCreateBodySchema, UserPatchBodySchema,
  type Role, type User, type UserCreateBody, type UserPatchBody,
} from '@workdiary/shared';
import { useContext, type FormEvent } from 'react';
import { parseSignedHours, signedHours } from '../../../components/balance/balance-api';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { CurrentUserContext, roleLabel } from '../../../lib/current-user';
import { toMajor, toMinor } from '../lib/money';
import { BalanceFields, PayFields, SignInFields, type UserFieldsProps } from './user-form-fields';
import './users.css';
import { translate as t } from '../../../lib/i18n/i18n';

type PayType = 'HOURLY' | 'MONTHLY';
type Access = 'password' | 'invite';

export type UserDraft = {
  name: string;
  email: string;
  role: Role;
  payType: PayType;
  /** In major units as typed (24.5 = €24.50). */
  hourlyRate: number | null;
  monthlyBase: number | null;
  overtimeFactor: number | null;
  access: Access;
  password: string;
  /** DATEV personnel number as typed; '' = none. */
  personnelNumber: string;
  /** The overtime account's first month 'YYYY-MM' as typed; '' = from their first month with time. */
  balanceStartMonth: string;
  /** Its opening balance as signed h:mm as typed ('' = 0:00). */
  balanceOpening: string;
  /** Vacation days per year (whole or half days); null = none recorded. */
  vacationDaysPerYear: number | null;
};

export type UserFormField = 'name' | 'email' | 'role' | 'payType' | 'hourlyRate' | 'monthlyBase' | 'overtimeFactor' | 'password' | 'personnelNumber'
  | 'balanceStartMonth' | 'balanceOpening' | 'vacationDaysPerYear';
export type UserFormErrors = Partial<Record<UserFormField | 'form', string>>;

const ROLES: Role[] = ['MEMBER', 'MANAGER', 'ADMIN'];
const ROLE_HINTS: Record<Role, string> = {
  MEMBER: t('Own timer, own entries and own month.'),
  MANAGER: t('Also everyone’s entries, the work diary and exports.'),
  ADMIN: t('Also settings, users and modules.'),
};

export function draftFrom(user: User | undefined, currency: string): UserDraft {
  return {
    name: user?.name ?? '',
    email: user?.email ?? '',
    role: user?.role ?? 'MEMBER',
    payType: user?.pay.type ?? 'HOURLY',
    hourlyRate: toMajor(user?.pay.hourlyRate, currency),
    monthlyBase: toMajor(user?.pay.monthlyBase, currency),
    overtimeFactor: user?.pay.overtimeFactor ?? 1.25,
    access: 'password',
    password: '',
    personnelNumber: user?.personnelNumber ?? '',
    balanceStartMonth: user?.balanceStart?.month ?? '',
    balanceOpening: user?.balanceStart ? signedHours(user.balanceStart.openingMinutes) : '',
    vacationDaysPerYear: user?.vacationDaysPerYear ?? null,
  };
}

function payOf(draft: UserDraft, currency: string) {
  return {
    type: draft.payType,
    hourlyRate: draft.payType === 'HOURLY' ? toMinor(draft.hourlyRate, currency) : null,
    monthlyBase: draft.payType === 'MONTHLY' ? toMinor(draft.monthlyBase, currency) : null,
    overtimeFactor: draft.overtimeFactor ?? Number.NaN,
  };
}

/** Zod or server issue paths ("pay.hourlyRate", "body.email") → the form field they belong to. */
export function fieldOfPath(path: string): UserFormField | null {
  const last = path.split('.').filter(Boolean).pop() ?? '';
  if (last === 'type') return 'payType';
  if (last === 'month' || last === 'balanceStart') return 'balanceStartMonth';
  if (last === 'openingMinutes') return 'balanceOpening';
  const fields: UserFormField[] = ['name', 'email', 'role', 'hourlyRate', 'monthlyBase', 'overtimeFactor', 'password', 'personnelNumber', 'balanceStartMonth', 'vacationDaysPerYear'];
  return (fields as string[]).includes(last) ? (last as UserFormField) : null;
}

function issuesToErrors(issues: ReadonlyArray<{ path: string; message: string }>): UserFormErrors {
  const errors: UserFormErrors = {};
  for (const issue of issues) {
    const field = fieldOfPath(issue.path) ?? 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A server error placed next to the field it is about (EMAIL_TAKEN, LAST_ADMIN, validation). */
export function serverErrorToFormErrors(error: unknown): UserFormErrors {
  if (isApiError(error, 'EMAIL_TAKEN')) return { email: getErrorMessage(error) };
  if (isApiError(error, 'LAST_ADMIN')) return { role: getErrorMessage(error) };
  if (isApiError(error, 'CONFLICT') && (error.details as { field?: string } | undefined)?.field === 'personnelNumber') return { personnelNumber: getErrorMessage(error) };
  if (isApiError(error, 'VALIDATION_ERROR')) {
    const details = error.details as { issues?: Array<{ path?: string; message?: string }> } | undefined;
    const issues = (details?.issues ?? []).map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? error.message) }));
    const errors = issuesToErrors(issues);
    return Object.keys(errors).length > 0 ? errors : { form: getErrorMessage(error) };
  }
  return { form: getErrorMessage(error) };
}

/** The personnel number to send: trimmed, null when empty (clears it). */
const personnelNumberOf = (draft: UserDraft): string | null => (draft.personnelNumber.trim() === '' ? null : draft.personnelNumber.trim());

/** Checks the draft with the shared schema; returns the request body or the errors per field. */
export function buildCreateBody(draft: UserDraft, currency: string): { body: UserCreateBody } | { errors: UserFormErrors } {
  const candidate = {
    name: draft.name,
    email: draft.email,
    role: draft.role,
    pay: payOf(draft, currency),
    ...(personnelNumberOf(draft) === null ? {} : { personnelNumber: personnelNumberOf(draft) }),
    ...(draft.access === 'invite' ? { sendInvite: true } : { password: draft.password }),
  };
  const parsed = UserCreateBodySchema.safeParse(candidate);
  if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))) };
  return { body: candidate };
}

/**
 * The overtime account's start and the vacation days as the PATCH takes them, checked here with
 * messages of our own (the shared schema's are English only): a month as YYYY-MM, the opening as
 * signed h:mm (needs a month), vacation days whole or half between 0 and 366.
 */
function balanceFieldsOf(draft: UserDraft): { values: Pick<UserPatchBody, 'balanceStart' | 'vacationDaysPerYear'>; issues: Array<{ path: string; message: string }> } {
  const issues: Array<{ path: string; message: string }> = [];
  const month = draft.balanceStartMonth.trim();
  const openingText = draft.balanceOpening.trim();
  const opening = openingText === '' ? 0 : parseSignedHours(openingText);
  if (month !== '' && !MonthSchema.safeParse(month).success) issues.push({ path: 'balanceStartMonth', message: t('Enter a month as YYYY-MM, e.g. 2026-01.') });
  if (opening === null) issues.push({ path: 'openingMinutes', message: t('Enter hours as h:mm, e.g. 12:30, or −4:00 for hours owed.') });
  else if (month === '' && opening !== 0) issues.push({ path: 'balanceStartMonth', message: t('Choose the month the opening balance belongs to.') });
  const daysPerYear = draft.vacationDaysPerYear;
  if (daysPerYear !== null && (Number.isNaN(daysPerYear) || daysPerYear < 0 || daysPerYear > 366)) issues.push({ path: 'vacationDaysPerYear', message: t('Between 0 and 366 days.') });
  else if (daysPerYear !== null && !Number.isInteger(daysPerYear * 2)) issues.push({ path: 'vacationDaysPerYear', message: t('Use whole or half days, e.g. 27.5.') });
  return {
    values: { balanceStart: month === '' ? null : { month, openingMinutes: opening ?? 0 }, vacationDaysPerYear: daysPerYear },
    issues,
  };
}

export function buildPatchBody(draft: UserDraft, currency: string): { body: UserPatchBody } | { errors: UserFormErrors } {
  const balance = balanceFieldsOf(draft);
  const candidate = { name: draft.name, email: draft.email, role: draft.role, pay: payOf(draft, currency), personnelNumber: personnelNumberOf(draft), ...balance.values };
  const parsed = UserPatchBodySchema.safeParse(candidate);
  // Our own messages for the account and vacation fields; the schema's for the rest.
  const issues = [...balance.issues, ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))];
  // The PATCH schema takes a partial pay; the form always sends a whole one, so check the amount too.
  if (draft.payType === 'HOURLY' && candidate.pay.hourlyRate === null) issues.push({ path: 'pay.hourlyRate', message: t('An hourly rate is required for hourly pay') });
  if (draft.payType === 'MONTHLY' && candidate.pay.monthlyBase === null) issues.push({ path: 'pay.monthlyBase', message: t('A monthly base is required for monthly pay') });
  if (issues.length > 0) return { errors: issuesToErrors(issues) };
  return { body: candidate };
}

export type UserFormProps = {
  /** The form element's id, for a submit button outside it (a modal footer). */
  id: string;
  mode: 'create' | 'edit';
  draft: UserDraft;
  onChange: (draft: UserDraft) => void;
  errors: UserFormErrors;
  currency: string;
  onSubmit: () => void;
  disabled?: boolean;
};

/** Name, email, role, pay, personnel number; edits: the overtime account's start and vacation days; new users: the initial password or a one-time link. */
export function UserForm({ id, mode, draft, onChange, errors, currency, onSubmit, disabled = false }: UserFormProps) {
  const set = <K extends keyof UserDraft>(key: K, value: UserDraft[K]) => onChange({ ...draft, [key]: value });
  const fields: UserFieldsProps = { id, draft, set, errors, disabled };
  const mailEnabled = useContext(CurrentUserContext)?.mailEnabled === true;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!disabled) onSubmit();
  };

  return (
    <form id={id} className="stack user-form" noValidate onSubmit={submit} aria-busy={disabled || undefined}>
      {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
      <div className="form-grid">
        <TextField label={t('Name')} required autoComplete="off" value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} disabled={disabled} />
        <TextField label={t('Email')} type="email" required autoComplete="off" value={draft.email} onChange={(e) => set('email', e.target.value)} error={errors.email} disabled={disabled} hint={mode === 'create' ? t('Their login. Unique, not case-sensitive.') : undefined} />
      </div>
      <SelectField
        label={t('Role')}
        value={draft.role}
        onChange={(e) => set('role', e.target.value as Role)}
        options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
        hint={ROLE_HINTS[draft.role]}
        error={errors.role}
        disabled={disabled}
      />
      <PayFields {...fields} currency={currency} />
      <TextField
        label={t('Personnel number (DATEV)')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={5}
        value={draft.personnelNumber}
        onChange={(e) => set('personnelNumber', e.target.value)}
        error={errors.personnelNumber}
        hint={t('The Personalnummer in DATEV LODAS: 1–5 digits, no leading zero. Needed for the DATEV payroll file.')}
        disabled={disabled}
      />
      {mode === 'edit' ? <BalanceFields {...fields} /> : null}
      {mode === 'create' ? <SignInFields {...fields} mailEnabled={mailEnabled} /> : null}
    </form>
  );
}
