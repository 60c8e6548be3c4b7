// What an import would do, worked out without writing: the file's rows resolved to people,
// instants, customers and categories, checked against the rules, the approved months and the
// entries that exist. POST /api/imports answers it as the dry run, and writes it when asked to
// and when it has no error row (imports.service.ts).
import {
  AppError,
  type ImportDryRun,
  type ImportFormat,
  type ImportRowError,
  type ImportUserMap,
  localDateTimeLabel,
  localToInstant,
  type WorkRules,
} from '@workdiary/shared';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { checkRules } from '../../domain/entry-rules.ts';
import { lockedMonths, monthLabel, monthsOfSpan } from '../../domain/month-lock.ts';
import { pickRulesRow, rulesOf } from '../../domain/rules-lookup.ts';
import { yieldToLoop } from '../../lib/loop-slices.ts';
import { parseExport, type ParsedRow, type WallTime } from './parsers/index.ts';
import type { FileBytes } from './parsers/csv.ts';

type Db = ScopedDb | ScopedTx;

/** A row that passed everything the file alone can tell: its person, instants and names. */
export type Candidate = {
  row: number;
  userId: string;
  customerName: string;
  categoryName: string;
  startedAt: Date;
  stoppedAt: Date;
  note: string;
};

/** The part of an import that needs no database state beyond the people and their rules. */
export type Prepared = {
  format: ImportFormat;
  total: number;
  candidates: Candidate[];
  errors: ImportRowError[];
  users: Array<{ source: string; userId: string | null }>;
  userNames: Map<string, string>;
  rules: Map<string, WorkRules>;
};

/** A planned entry, its customer and category resolved to an existing id or a name to create. */
export type PlannedEntry = Candidate & { customerId: string | null; categoryId: string | null; duplicate: boolean };

export type Plan = Prepared & {
  entries: PlannedEntry[];
  newCustomers: string[];
  newCategories: string[];
  existingCustomers: Map<string, string>;
  existingCategories: Map<string, string>;
};

/** Rows worked through between two turns of the event loop. */
const ROWS_PER_TURN = 500;
const CATEGORY_MAX = 60;
const CUSTOMER_MAX = 200;
const NOTE_MAX = 2000;
/** What text() accepts everywhere else: no C0 controls but tab, LF, CR; no DEL (PostgreSQL cannot store NUL). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const isCleanText = (value: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value);
/** Harvest's rows of a day start here, local time. */
const HARVEST_DAY_START = '08:00';

const key = (s: string) => s.trim().toLowerCase();

type UserRow = { id: string; email: string; name: string };

type Person = { source: string; userId: string | null; why: string };

/**
 * Each distinct person of the file → a user id (by the map, then by email, or by unique name), or
 * why not; worked out on the person's first row, kept in the order of first rows.
 */
function peopleOf(users: UserRow[], userMap: ImportUserMap) {
  const byEmail = new Map(users.map((u) => [key(u.email), u.id]));
  const byName = new Map<string, string[]>();
  for (const u of users) byName.set(key(u.name), [...(byName.get(key(u.name)) ?? []), u.id]);
  const ids = new Set(users.map((u) => u.id));
  const mapped = new Map(Object.entries(userMap).map(([source, id]) => [key(source), id]));
  const resolved = new Map<string, Person>();
  const resolve = (person: string): Person => {
    const byMap = mapped.get(key(person));
    if (byMap !== undefined) {
      return ids.has(byMap)
        ? { source: person, userId: byMap, why: '' }
        : { source: person, userId: null, why: `"${person}" is mapped to a user that does not exist in this organisation.` };
    }
    if (person.includes('@')) {
      return { source: person, userId: byEmail.get(key(person)) ?? null, why: `No user has the email "${person}": map it to a user or add the user first.` };
    }
    const named = byName.get(key(person)) ?? [];
    return named.length === 1
      ? { source: person, userId: named[0] ?? null, why: '' }
      : { source: person, userId: null, why: named.length === 0 ? `No user is named "${person}": map the name to a user or add the user first.` : `Several users are named "${person}": map the name to one of them.` };
  };
  return {
    of(person: string): Person {
      const k = key(person);
      let found = resolved.get(k);
      if (!found) resolved.set(k, (found = resolve(person)));
      return found;
    },
    all: () => [...resolved.values()],
  };
}

function instantOf(wall: WallTime, tz: string): Date | ImportRowError['code'] {
  const res = localToInstant(wall.date, wall.time, tz);
  if (!res.ok) return res.reason === 'NONEXISTENT' ? 'LOCAL_TIME_NONEXISTENT' : 'LOCAL_TIME_AMBIGUOUS';
  return new Date(res.instant.getTime() + wall.seconds * 1000);
}

function dstMessage(code: ImportRowError['code'], wall: WallTime, tz: string): string {
  return code === 'LOCAL_TIME_NONEXISTENT'
    ? `${wall.date} ${wall.time} does not exist in ${tz} (the clocks were put forward then).`
    : `${wall.date} ${wall.time} happens twice in ${tz} (the clocks were put back then): it cannot be told which is meant. Enter this entry by hand.`;
}

/**
 * Parses the file and resolves what needs no entry data: people, instants, names, the work rules.
 * Each row is worked out as the parser reads it (parseExport's sink): what is kept of a big file
 * is its candidates and error rows, not its parsed rows beside them.
 */
export async function prepareImport({ db, format, buffer, tz, userMap, now }: {
  db: Db; format: ImportFormat; buffer: FileBytes; tz: string; userMap: ImportUserMap; now: Date;
}): Promise<Prepared> {
  const users = await db.user.findMany({ select: { id: true, email: true, name: true } });
  const people = peopleOf(users, userMap);
  const ruleRows = await db.workRules.findMany();
  const rules = new Map<string, WorkRules>();
  const rulesOfUser = (userId: string) => {
    let r = rules.get(userId);
    if (!r) rules.set(userId, (r = rulesOf(pickRulesRow(ruleRows, userId).row)));
    return r;
  };
  // The file's customer and category names are few: one string each, shared by their rows.
  const names = new Map<string, string>();
  const shared = (name: string) => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  const dayCursor = new Map<string, number>();
  const candidates: Candidate[] = [];
  const errors: ImportRowError[] = [];
  const take = (r: ParsedRow) => {
    const fail = (code: ImportRowError['code'], message: string) => errors.push({ row: r.row, code, message });
    const person = people.of(r.person);
    let startedAt: Date;
    let stoppedAt: Date;
    if (r.kind === 'day') {
      // Harvest: the person's rows of one day end to end from 08:00, in file order.
      const dayKey = `${key(r.person)}|${r.date}`;
      const offset = dayCursor.get(dayKey) ?? 0;
      dayCursor.set(dayKey, offset + r.minutes);
      const wall = { date: r.date, time: HARVEST_DAY_START, seconds: 0 };
      const base = instantOf(wall, tz);
      if (typeof base === 'string') { fail(base, dstMessage(base, wall, tz)); return; }
      startedAt = new Date(base.getTime() + offset * 60_000);
      stoppedAt = new Date(startedAt.getTime() + r.minutes * 60_000);
    } else {
      const start = instantOf(r.start, tz);
      if (typeof start === 'string') { fail(start, `Start: ${dstMessage(start, r.start, tz)}`); return; }
      const stop = instantOf(r.end, tz);
      if (typeof stop === 'string') { fail(stop, `End: ${dstMessage(stop, r.end, tz)}`); return; }
      startedAt = start;
      stoppedAt = stop;
    }
    if (!person.userId) { fail('UNKNOWN_USER', person.why || `Unknown person "${r.person}".`); return; }
    const customerName = (r.client || r.project).trim();
    const categoryName = (r.task || r.project).trim();
    if (!customerName) { fail('MISSING_VALUE', 'The row has neither a client nor a project: it cannot be given a customer.'); return; }
    if (!categoryName) { fail('MISSING_VALUE', 'The row has neither a task, activity nor project: it cannot be given a category.'); return; }
    if (customerName.length > CUSTOMER_MAX) { fail('INVALID_NAME', `The customer name is longer than ${CUSTOMER_MAX} characters.`); return; }
    if (categoryName.length > CATEGORY_MAX) { fail('INVALID_NAME', `The category name "${categoryName.slice(0, 40)}…" is longer than ${CATEGORY_MAX} characters.`); return; }
    const note = r.note.trim();
    if (note.length > NOTE_MAX) { fail('INVALID_TEXT', `The description is longer than ${NOTE_MAX} characters.`); return; }
    if (![customerName, categoryName, note].every(isCleanText)) { fail('INVALID_TEXT', 'The row holds control characters (invisible characters other than tabs and line breaks).'); return; }
    try {
      checkRules({ rules: rulesOfUser(person.userId), entry: { userId: person.userId, startedAt, stoppedAt, note }, path: 'create', now });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(err.code as ImportRowError['code'], err.message);
      return;
    }
    candidates.push({ row: r.row, userId: person.userId, customerName: shared(customerName), categoryName: shared(categoryName), startedAt, stoppedAt, note });
  };
  const parsed = await parseExport(format, buffer, take);
  return {
    format,
    total: parsed.total,
    candidates,
    errors: [...parsed.errors, ...errors],
    users: people.all().map((p) => ({ source: p.source, userId: p.userId })),
    userNames: new Map(users.map((u) => [u.id, u.name])),
    rules,
  };
}

/** Name (lower case) → id; an active row wins over an archived one of the same name. */
function byName(rows: Array<{ id: string; name: string; archived: boolean }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of [...rows].sort((a, b) => Number(b.archived) - Number(a.archived))) map.set(key(r.name), r.id);
  return map;
}

const minuteOf = (d: Date) => Math.floor(d.getTime() / 60_000);
/**
 * The duplicate key of an entry (person, start and stop minute, customer, category), with each id
 * or name as a small number: keys of ~25 characters instead of ~150, for every row of a big file.
 */
function dupKeys() {
  const numbers = new Map<string, number>();
  const n = (id: string) => {
    let found = numbers.get(id);
    if (found === undefined) numbers.set(id, (found = numbers.size));
    return found;
  };
  return (userId: string, start: Date, stop: Date, customer: string, category: string) =>
    `${n(userId)}|${minuteOf(start)}|${minuteOf(stop)}|${n(customer)}|${n(category)}`;
}
type DupKey = ReturnType<typeof dupKeys>;

type Existing = { id: string; userId: string; customerId: string; categoryId: string; startedAt: Date; stoppedAt: Date | null; customer: { name: string } };

/** The entries of the rows' people that reach into the rows' span, and the duplicate keys of the stopped ones. */
async function existingEntries(db: Db, candidates: Candidate[], dupKey: DupKey): Promise<{ existing: Existing[]; seen: Set<string> }> {
  const people = new Set<string>();
  let minStart = Infinity;
  let maxStop = -Infinity;
  for (const [i, c] of candidates.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    people.add(c.userId);
    minStart = Math.min(minStart, c.startedAt.getTime());
    maxStop = Math.max(maxStop, c.stoppedAt.getTime());
  }
  const userIds = [...people];
  const existing: Existing[] = userIds.length === 0 ? [] : await db.workEntry.findMany({
    where: {
      userId: { in: userIds },
      startedAt: { lt: new Date(maxStop) },
      OR: [{ stoppedAt: null }, { stoppedAt: { gt: new Date(minStart) } }],
    },
    select: { id: true, userId: true, customerId: true, categoryId: true, startedAt: true, stoppedAt: true, customer: { select: { name: true } } },
  });
  const seen = new Set<string>();
  for (const [i, e] of existing.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    if (e.stoppedAt) seen.add(dupKey(e.userId, e.startedAt, e.stoppedAt, e.customerId, e.categoryId));
  }
  return { existing, seen };
}

/**
 * The approved months of the rows' people: the months each person's rows touch, then one query
 * per person. A row's own months are worked out again only for a person with an approved month.
 */
async function lockedMonthsOf(db: Db, candidates: Candidate[], tz: string): Promise<Map<string, Set<string>>> {
  const monthsByUser = new Map<string, Set<string>>();
  for (const [i, c] of candidates.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    const set = monthsByUser.get(c.userId) ?? new Set<string>();
    for (const m of monthsOfSpan(c.startedAt, c.stoppedAt, tz)) set.add(m);
    monthsByUser.set(c.userId, set);
  }
  const locked = new Map<string, Set<string>>();
  for (const [userId, months] of monthsByUser) {
    const approved = await lockedMonths(db, userId, [...months]);
    if (approved.length > 0) locked.set(userId, new Set(approved));
  }
  return locked;
}

/**
 * The part that reads the organisation's entries: customers and categories by name (reused
 * case-insensitively), duplicates (same person, start and stop to the minute, customer and
 * category: skipped), approved months (MONTH_LOCKED) and overlaps with existing entries or other
 * rows (ENTRY_OVERLAP, unless the person's rules allow overlaps). Inside the import's
 * transaction this runs after the people's entries are locked.
 */
export async function planImport({ db, prepared, tz }: { db: Db; prepared: Prepared; tz: string }): Promise<Plan> {
  const errors = [...prepared.errors];
  const [customers, categories] = await Promise.all([
    db.customer.findMany({ select: { id: true, name: true, archived: true } }),
    db.category.findMany({ select: { id: true, name: true, archived: true } }),
  ]);
  const existingCustomers = byName(customers);
  const existingCategories = byName(categories);
  const newCustomers = new Map<string, string>();
  const newCategories = new Map<string, string>();

  const dupKey = dupKeys();
  const { existing, seen } = await existingEntries(db, prepared.candidates, dupKey);
  const locked = await lockedMonthsOf(db, prepared.candidates, tz);

  const planned: PlannedEntry[] = [];
  for (const [i, c] of prepared.candidates.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    const customerId = existingCustomers.get(key(c.customerName)) ?? null;
    const categoryId = existingCategories.get(key(c.categoryName)) ?? null;
    const k = customerId && categoryId ? dupKey(c.userId, c.startedAt, c.stoppedAt, customerId, categoryId) : null;
    if (k !== null && seen.has(k)) {
      planned.push({ ...c, customerId, categoryId, duplicate: true });
      continue;
    }
    const approved = locked.get(c.userId);
    const lockedMonth = approved && monthsOfSpan(c.startedAt, c.stoppedAt, tz).find((m) => approved.has(m));
    if (lockedMonth) {
      errors.push({ row: c.row, code: 'MONTH_LOCKED', message: `${monthLabel(lockedMonth)} is approved and locked for payroll for ${prepared.userNames.get(c.userId) ?? 'this person'}: an admin must reopen it first.` });
      continue;
    }
    if (k !== null) seen.add(k);
    else {
      // Entries on customers or categories still to be created: duplicates among the file's own rows.
      const fileKey = dupKey(c.userId, c.startedAt, c.stoppedAt, customerId ?? `new:${key(c.customerName)}`, categoryId ?? `new:${key(c.categoryName)}`);
      if (seen.has(fileKey)) { planned.push({ ...c, customerId, categoryId, duplicate: true }); continue; }
      seen.add(fileKey);
    }
    planned.push({ ...c, customerId, categoryId, duplicate: false });
  }

  const overlapping = await findOverlaps(planned, existing, prepared.rules, tz);
  for (const [row, message] of overlapping) errors.push({ row, code: 'ENTRY_OVERLAP', message });
  const entries: PlannedEntry[] = [];
  for (const [i, p] of planned.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    if (p.duplicate) { entries.push(p); continue; }
    if (overlapping.has(p.row)) continue;
    entries.push(p);
    if (!p.customerId && !newCustomers.has(key(p.customerName))) newCustomers.set(key(p.customerName), p.customerName);
    if (!p.categoryId && !newCategories.has(key(p.categoryName))) newCategories.set(key(p.categoryName), p.categoryName);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    ...prepared, errors, entries,
    newCustomers: [...newCustomers.values()], newCategories: [...newCategories.values()],
    existingCustomers, existingCategories,
  };
}

/** A row of the file (row) or an existing entry (entry); the label is only worked out for an overlap. */
type Span = { start: number; end: number; row: number | null; entry: Existing | null };

/**
 * Rows (by line) that overlap an existing entry of the same person or an earlier row of the file,
 * for the people whose rules do not allow overlaps: one sweep per person over both, by start.
 * Duplicates are left out. In slices, with a turn of the loop between them.
 */
async function findOverlaps(rows: PlannedEntry[], existing: Existing[], rules: Map<string, WorkRules>, tz: string): Promise<Map<number, string>> {
  const byUser = new Map<string, Span[]>();
  const add = (userId: string, span: Span) => {
    const list = byUser.get(userId);
    if (list) list.push(span);
    else byUser.set(userId, [span]);
  };
  for (const [i, r] of rows.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    if (r.duplicate || rules.get(r.userId)?.allowOverlap) continue;
    add(r.userId, { start: r.startedAt.getTime(), end: r.stoppedAt.getTime(), row: r.row, entry: null });
  }
  for (const [i, e] of existing.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    if (!byUser.has(e.userId)) continue;
    add(e.userId, { start: e.startedAt.getTime(), end: e.stoppedAt?.getTime() ?? Infinity, row: null, entry: e });
  }
  const label = ({ row, entry }: Span) => {
    if (!entry) return `row ${row}`;
    const stop = entry.stoppedAt ? localDateTimeLabel(entry.stoppedAt, tz) : 'still running';
    return `the session for ${entry.customer.name} on ${localDateTimeLabel(entry.startedAt, tz)}–${stop}`;
  };
  const found = new Map<number, string>();
  let swept = 0;
  for (const spans of byUser.values()) {
    // A turn between people once a slice's worth of spans is sorted and swept.
    if (swept > ROWS_PER_TURN) { swept = 0; await yieldToLoop(); }
    swept += spans.length;
    spans.sort((a, b) => a.start - b.start || (a.row === null ? -1 : 0) - (b.row === null ? -1 : 0));
    let reach: Span | null = null;
    for (const s of spans) {
      if (reach && s.start < reach.end) {
        const [row, other] = s.row !== null ? [s.row, reach] : [reach.row, s];
        if (row !== null && !found.has(row)) found.set(row, `This overlaps ${label(other)}. Overlapping sessions are not allowed for this person.`);
      }
      if (!reach || s.end > reach.end) reach = s;
    }
  }
  return found;
}

const PREVIEW_ROWS = 20;

/** The dry run's answer. */
export function dryRunOf(plan: Plan): ImportDryRun {
  const toCreate = plan.entries.filter((e) => !e.duplicate).length;
  return {
    format: plan.format,
    rows: plan.total,
    entries: { toCreate, duplicates: plan.entries.length - toCreate },
    customers: { toCreate: plan.newCustomers },
    categories: { toCreate: plan.newCategories },
    users: plan.users,
    errors: plan.errors,
    // The entries keep the file's order: the first ones are the file's first rows.
    preview: plan.entries.slice(0, PREVIEW_ROWS).map((e) => ({
      row: e.row,
      user: plan.userNames.get(e.userId) ?? e.userId,
      customer: e.customerName,
      category: e.categoryName,
      startedAt: e.startedAt.toISOString(),
      stoppedAt: e.stoppedAt.toISOString(),
      note: e.note,
      duplicate: e.duplicate,
    })),
  };
}
