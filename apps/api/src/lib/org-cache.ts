import type { WorkRules } from '@workdiary/shared';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { pickRulesRow, rulesOf } from '../domain/rules-lookup.ts';
import type { EventBus, LiveEvent } from './events.ts';

/**
 * What the timer needs to know about an organisation on every start and stop (and the diary
 * overview: the default work rules), kept in memory per organisation: the organisation itself,
 * its customers, categories and work-rules rows. A change
 * to any of them publishes a live event (settings.changed, customer.changed, user.changed); the
 * cache drops that organisation on it and reads it again on next use. With the cross-instance
 * event bus, every instance hears every change. The database stays the referee: the timer's
 * statements re-check customer and category, so a change still on its way cannot let a write
 * through that the database would refuse.
 */
export type Named = { name: string; archived: boolean };

type RulesRow = WorkRules & { userId: string | null };

export type CachedOrg = {
  id: string;
  timeZone: string;
  currency: string;
  clientTimer: boolean;
  /** The working-time check's switch and rules as stored (modules/compliance complianceSettingsOf reads them). */
  complianceEnabled: boolean;
  complianceRules: unknown;
  customers: ReadonlyMap<string, Named>;
  categories: ReadonlyMap<string, Named>;
  /**
   * The rules in force for a user (`pickRulesRow`: own → organisation default → product default);
   * null: the organisation's defaults (what users without rules of their own follow).
   */
  rulesFor(userId: string | null): WorkRules;
};

export type OrgCache = {
  /** The organisation, read once and kept until a change event; null if it does not exist. */
  get(orgId: string): Promise<CachedOrg | null>;
  /** Drops the organisation (after a change, or when the database said the cache was stale). */
  invalidate(orgId: string): void;
};

/** Events after which an organisation is read again. */
const INVALIDATING: ReadonlySet<LiveEvent['type']> = new Set(['settings.changed', 'customer.changed', 'user.changed']);

export function createOrgCache({ prisma, events }: { prisma: PrismaClient; events: EventBus }): OrgCache {
  // The read in flight is kept too, so a burst of requests reads an organisation once; an
  // invalidation drops it, so a read that started before a change is not kept after it.
  const entries = new Map<string, Promise<CachedOrg | null>>();
  const invalidate = (orgId: string) => {
    entries.delete(orgId);
  };
  events.subscribeAll((orgId, event) => {
    if (INVALIDATING.has(event.type)) invalidate(orgId);
  });
  // Events from other instances may have been missed: read every organisation again.
  events.onResync(() => entries.clear());

  async function load(orgId: string): Promise<CachedOrg | null> {
    const [org, customers, categories, rules] = await Promise.all([
      prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, timeZone: true, currency: true, clientTimer: true, complianceEnabled: true, complianceRules: true } }),
      prisma.customer.findMany({ where: { organizationId: orgId }, select: { id: true, name: true, archived: true } }),
      prisma.category.findMany({ where: { organizationId: orgId }, select: { id: true, name: true, archived: true } }),
      prisma.workRules.findMany({ where: { organizationId: orgId } }),
    ]);
    if (!org) return null;
    const rows: RulesRow[] = rules;
    const byUser = new Map<string | null, WorkRules>();
    return {
      id: org.id,
      timeZone: org.timeZone,
      currency: org.currency.trim(),
      clientTimer: org.clientTimer,
      complianceEnabled: org.complianceEnabled,
      complianceRules: org.complianceRules,
      customers: new Map(customers.map((c) => [c.id, { name: c.name, archived: c.archived }])),
      categories: new Map(categories.map((c) => [c.id, { name: c.name, archived: c.archived }])),
      rulesFor(userId) {
        let found = byUser.get(userId);
        if (!found) {
          found = rulesOf(pickRulesRow(rows, userId).row);
          byUser.set(userId, found);
        }
        return found;
      },
    };
  }

  return {
    get(orgId) {
      const cached = entries.get(orgId);
      if (cached) return cached;
      const loading = load(orgId);
      entries.set(orgId, loading);
      const forget = () => {
        if (entries.get(orgId) === loading) entries.delete(orgId);
      };
      // An organisation that does not exist (yet), or a failed read, is not kept.
      loading.then((org) => org === null && forget(), forget);
      return loading;
    },
    invalidate,
  };
}
