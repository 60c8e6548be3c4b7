import { AppError, localTimeOf, type WorkEntry as WireEntry } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { EventBus } from '../../lib/events.ts';
import { assertSpansOpen, monthLockedError, openStartForStop } from '../../domain/month-lock.ts';
import { checkRules, settleClash } from '../../domain/entry-rules.ts';
import { readRunning, type StartOutcome, type StopOutcome } from './timer-statements.ts';
import { clashOf, orgOrThrow, stopNote, usableForStart, type TimerDeps } from './timer.service.ts';

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
 * CATEGORY_ARCHIVED, NOT_FOUND); when one refuses, nothing changes (the start of a session
 * reaching back into an approved month included: the statement moves it, see stopTimer).
 */
export async function switchTimer({ deps, orgId, user, note, customerId, categoryId, now, events }: SwitchTimerOptions): Promise<{ stopped: WireEntry; running: WireEntry }> {
  const first = await orgOrThrow(deps.orgs, orgId);
  const { org, customer, category } = await usableForStart(deps, first, customerId, categoryId);
  const current = await readRunning(deps.sql, orgId, user.id);
  if (!current) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
  const rules = org.rulesFor(user.id);
  const trimmed = stopNote(note, current);
  // The payroll lock, as for stop and start: the stopped entry is stored from the open month on,
  // and the new one must start in an open month (409 otherwise). Reads only: the statement moves
  // the start itself (under the user's lock, in the stop's UPDATE, audited by its STOP event), so
  // a switch refused anywhere leaves the running entry as it was.
  const lockSource = { lockSql: deps.sql, orgId };
  await assertSpansOpen({ db: lockSource, userId: user.id, tz: org.timeZone, spans: [{ startedAt: now, stoppedAt: null }] });
  let startedAt = await openStartForStop({ db: lockSource, userId: user.id, tz: org.timeZone, startedAt: new Date(current.startedAt), now });
  const running: WireEntry = {
    id: newId(), userId: user.id, customerId, categoryId, startedAt: now.toISOString(), stoppedAt: null, note: '', source: 'TIMER', flagged: false,
    user: { id: user.id, name: user.name },
    customer: { id: customerId, name: customer.name },
    category: { id: categoryId, name: category.name, archived: false },
  };
  for (let attempt = 1; ; attempt++) {
    const { flagged } = checkRules({
      rules, path: 'timer-stop', now,
      entry: { userId: user.id, startedAt, stoppedAt: now, note: trimmed, excludeEntryId: current.id },
    });
    checkRules({ rules, entry: { userId: user.id, startedAt: now, stoppedAt: null, note: '' }, path: 'timer-start', now });
    const stopped: WireEntry = { ...current, startedAt: startedAt.toISOString(), stoppedAt: now.toISOString(), note: trimmed, flagged };
    const rows = await deps.unscoped.query<{ r: unknown }>(
      'SELECT wd_timer_switch($1, $2, $3::timestamptz, $4, $5, $6::timestamptz, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15, $16::jsonb) AS r',
      [orgId, user.id, now.toISOString(), !rules.allowOverlap,
        current.id, startedAt.toISOString(), trimmed, flagged, newId(), JSON.stringify(current), JSON.stringify(stopped),
        running.id, customerId, categoryId, newId(), JSON.stringify(running)],
    );
    const raw = rows[0]?.r;
    const result = (typeof raw === 'string' ? JSON.parse(raw) : raw) as SwitchOutcome;
    if (!('step' in result)) {
      events?.publish(orgId, { type: 'timer.stopped', userId: user.id, entryId: stopped.id, customerId: stopped.customerId });
      events?.publish(orgId, { type: 'timer.started', userId: user.id, entryId: running.id, customerId });
      return { stopped, running };
    }
    if (result.status === 'moved') {
      // A month approved or reopened since the read above: check the rules again for the start to store.
      if (attempt >= 3) throw new AppError('CONFLICT', 'The payroll lock of this month changed while the timer was being switched. Please try again.');
      startedAt = new Date(result.startedAt);
      continue;
    }
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
}
