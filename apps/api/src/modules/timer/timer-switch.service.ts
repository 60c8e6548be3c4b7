import { AppError, localTimeOf, type WorkEntry as WireEntry } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { EventBus } from '../../lib/events.ts';
import { assertSpansOpen, monthLockedError, moveRunningStart, openStartForStop } from '../months/month-lock.ts';
import { checkRules, settleClash } from '../work-entries/entry-rules.ts';
import { readRunning, type StartOutcome, type StopOutcome } from './timer-statements.ts';
import { clashOf, orgOrThrow, usableForStart, type TimerDeps } from './timer.service.ts';

export type SwitchTimerOptions = {
  deps: TimerDeps;
  orgId: string;
  user: { id: string; name: string };
  note: string;
  customerId: string;
  categoryId: string;
  now: Date;
  events?: EventBus;
};

type SwitchOutcome = { status: 'ok' } | ({ step: 'stop' } & StopOutcome) | ({ step: 'start' } & StartOutcome);

/**
 * "Switch to this customer": stops the running session with its note and starts the next one at
 * the same server instant, as ONE statement (`wd_timer_switch`, which runs `wd_timer_stop` and
 * `wd_timer_start` under a savepoint), so there is never a gap, a second running timer, or a
 * stopped session without its successor. The checks and errors are those of stop and start
 * (TIMER_NOT_RUNNING, the work rules' 422s, ENTRY_OVERLAP, MODULE_DISABLED, CUSTOMER_ARCHIVED,
 * CATEGORY_ARCHIVED, NOT_FOUND); when one refuses, nothing changes.
 */
export async function switchTimer({ deps, orgId, user, note, customerId, categoryId, now, events }: SwitchTimerOptions): Promise<{ stopped: WireEntry; running: WireEntry }> {
  const first = await orgOrThrow(deps.orgs, orgId);
  const { org, customer, category } = await usableForStart(deps, first, customerId, categoryId);
  const current = await readRunning(deps.sql, orgId, user.id);
  if (!current) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
  const rules = org.rulesFor(user.id);
  const trimmed = note.trim();
  // The payroll lock, as for stop and start: the stopped entry is stored from the open month on,
  // and the new one must start in an open month (409 otherwise).
  const lockSource = { lockSql: deps.sql, orgId };
  await assertSpansOpen({ db: lockSource, userId: user.id, tz: org.timeZone, spans: [{ startedAt: now, stoppedAt: null }] });
  const startedAt = await openStartForStop({ db: lockSource, userId: user.id, tz: org.timeZone, startedAt: new Date(current.startedAt), now });
  const { flagged } = checkRules({
    rules, path: 'timer-stop', now,
    entry: { userId: user.id, startedAt, stoppedAt: now, note: trimmed, excludeEntryId: current.id },
  });
  checkRules({ rules, entry: { userId: user.id, startedAt: now, stoppedAt: null, note: '' }, path: 'timer-start', now });
  if (startedAt.toISOString() !== current.startedAt) await moveRunningStart({ db: lockSource, entryId: current.id, startedAt });

  const stopped: WireEntry = { ...current, startedAt: startedAt.toISOString(), stoppedAt: now.toISOString(), note: trimmed, flagged };
  const running: WireEntry = {
    id: newId(), userId: user.id, customerId, categoryId, startedAt: now.toISOString(), stoppedAt: null, note: '', source: 'TIMER', flagged: false,
    user: { id: user.id, name: user.name },
    customer: { id: customerId, name: customer.name },
    category: { id: categoryId, name: category.name, archived: false },
  };
  const rows = await deps.sql.query<{ r: unknown }>(
    'SELECT wd_timer_switch($1, $2, $3::timestamptz, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15::jsonb) AS r',
    [orgId, user.id, now.toISOString(), !rules.allowOverlap,
      current.id, trimmed, flagged, newId(), JSON.stringify(current), JSON.stringify(stopped),
      running.id, customerId, categoryId, newId(), JSON.stringify(running)],
  );
  const raw = rows[0]?.r;
  const result = (typeof raw === 'string' ? JSON.parse(raw) : raw) as SwitchOutcome;

  if ('step' in result) {
    if (result.status === 'not_running') throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
    if (result.status === 'overlap') {
      settleClash(clashOf(result), org.timeZone);
    }
    if (result.status === 'stale') {
      deps.orgs.invalidate(orgId);
      throw new AppError('CUSTOMER_ARCHIVED', 'The customer or category was archived meanwhile. Choose another one.');
    }
    if (result.status === 'locked') throw monthLockedError(result.month, user.id);
    if (result.status === 'running') {
      const since = result.startedAt ? localTimeOf(new Date(result.startedAt), org.timeZone) : null;
      throw new AppError('TIMER_ALREADY_RUNNING', since && result.customer
        ? `A timer is already running (${result.customer}, since ${since}). Stop it before starting another.`
        : 'A timer is already running. Stop it before starting another.');
    }
    throw new Error(`wd_timer_switch answered ${JSON.stringify(result)}`);
  }
  events?.publish(orgId, { type: 'timer.stopped', userId: user.id, entryId: stopped.id, customerId: stopped.customerId });
  events?.publish(orgId, { type: 'timer.started', userId: user.id, entryId: running.id, customerId });
  return { stopped, running };
}
