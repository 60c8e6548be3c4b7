import type { Organization as WireOrganization, User as WireUser } from '@workdiary/shared';
import type { Organization, User } from '../generated/prisma/client.ts';

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

export function toWireOrganization(o: Pick<Organization, 'id' | 'name' | 'timeZone' | 'currency' | 'clientTimer'>): WireOrganization {
  return { id: o.id, name: o.name, timeZone: o.timeZone, currency: o.currency.trim(), clientTimer: o.clientTimer };
}
