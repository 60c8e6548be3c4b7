import { LocaleSchema, type Locale, type Organization as WireOrganization, type User as WireUser } from '@workdiary/shared';
import type { Organization, User } from '../generated/prisma/client.ts';
import type { OrgContext } from './types.ts';

export function toWireUser(u: Pick<User, 'id' | 'name' | 'email' | 'role' | 'active' | 'payType' | 'hourlyRate' | 'monthlyBase' | 'overtimeFactor'>): WireUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
    pay: {
      type: u.payType,
      hourlyRate: u.hourlyRate,
      monthlyBase: u.monthlyBase,
      overtimeFactor: u.overtimeFactor,
    },
  };
}

/** The User as managers and admins see it: with the DATEV personnel number (never on /api/me). */
export function toStaffUser(u: Parameters<typeof toWireUser>[0] & Pick<User, 'personnelNumber' | 'balanceStartMonth' | 'balanceOpeningMinutes' | 'vacationDaysPerYear'>): WireUser {
  return {
    ...toWireUser(u),
    personnelNumber: u.personnelNumber,
    // The overtime account's start and the vacation entitlement (GET /api/balances), managers and admins only.
    balanceStart: u.balanceStartMonth === null ? null : { month: u.balanceStartMonth, openingMinutes: u.balanceOpeningMinutes ?? 0 },
    vacationDaysPerYear: u.vacationDaysPerYear,
  };
}

export function toWireOrganization(o: Pick<Organization, 'id' | 'name' | 'timeZone' | 'currency' | 'clientTimer' | 'locale'>): WireOrganization {
  return { id: o.id, name: o.name, timeZone: o.timeZone, currency: o.currency.trim(), clientTimer: o.clientTimer, locale: toLocale(o.locale) ?? 'en-GB' };
}

/** A stored locale the app no longer offers reads as null (the caller falls back), never as a 500. */
export function toLocale(stored: string | null): Locale | null {
  const parsed = LocaleSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The organisation as requests carry it (OrgContext), from its row. */
export function orgContextOf(o: Pick<Organization, 'id' | 'name' | 'timeZone' | 'currency' | 'clientTimer' | 'locale' | 'holidayCountry' | 'holidayRegion' | 'holidaySharePercent'>): OrgContext {
  return {
    id: o.id, name: o.name, timeZone: o.timeZone, currency: o.currency, clientTimer: o.clientTimer, locale: o.locale,
    holidayCountry: o.holidayCountry, holidayRegion: o.holidayRegion, holidaySharePercent: o.holidaySharePercent,
  };
}
