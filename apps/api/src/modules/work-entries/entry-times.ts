import { AppError, DateSchema, dayBounds, InstantSchema, localDateOf, localTimeOf, localToInstant, utcOffsetOf, type LocalTimeCandidate } from '@workdiary/shared';

/**
 * Manual entries arrive either as UTC instants or as wall-clock readings in the organisation's
 * zone. This turns the latter into instants and refuses, with a clear 400, a reading that does not
 * exist (spring-forward gap) or that happens twice (autumn hour) unless the caller picked one of the
 * candidates by its UTC offset. Nothing is ever shifted silently.
 */
export type TimeFields = {
  startedAt?: string;
  stoppedAt?: string;
  date?: string;
  startTime?: string;
  stopDate?: string;
  stopTime?: string;
  startOffset?: string;
  stopOffset?: string;
};

function parseDateField(value: string, field: string): string {
  if (!DateSchema.safeParse(value).success) {
    throw new AppError('VALIDATION_ERROR', `${field}: Expected YYYY-MM-DD`, { issues: [{ path: field, message: 'Expected YYYY-MM-DD' }] });
  }
  return value;
}

function parseInstant(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION_ERROR', `${field}: Expected an ISO 8601 instant`);
  return d;
}

/** The instant of one end of an entry given as local `date` + `time` in `tz`. */
export function resolveLocal(opts: { field: 'start' | 'stop'; date: string; time: string; offset?: string; tz: string }): Date {
  const { field, date, time, offset, tz } = opts;
  let result;
  try {
    result = localToInstant(date, time, tz);
  } catch {
    throw new AppError('VALIDATION_ERROR', `${field === 'start' ? 'date' : 'stopDate'}: No such date "${date}"`);
  }
  const label = field === 'start' ? 'start' : 'stop';
  if (result.ok) {
    if (offset !== undefined && utcOffsetOf(result.instant, tz) !== offset) {
      throw new AppError('VALIDATION_ERROR', `The ${label} time ${time} on ${date} is at UTC${utcOffsetOf(result.instant, tz)} in ${tz}, not UTC${offset}.`);
    }
    return result.instant;
  }
  const candidates: LocalTimeCandidate[] = result.candidates.map((c) => ({ instant: c.toISOString(), offset: utcOffsetOf(c, tz) }));
  const details = { field, date, time, timeZone: tz, candidates };
  if (result.reason === 'NONEXISTENT') {
    throw new AppError(
      'LOCAL_TIME_NONEXISTENT',
      `The ${label} time ${time} on ${date} does not exist in ${tz}: the clocks jump forward over it (daylight saving time begins). Enter a time before or after the jump.`,
      details,
    );
  }
  if (offset !== undefined) {
    const chosen = candidates.find((c) => c.offset === offset);
    if (chosen) return new Date(chosen.instant);
  }
  const [first, second] = candidates;
  throw new AppError(
    'LOCAL_TIME_AMBIGUOUS',
    `The ${label} time ${time} on ${date} happens twice in ${tz}: the clocks go back (daylight saving time ends). Choose the first (UTC${first?.offset}) or the second (UTC${second?.offset}).`,
    details,
  );
}

const hasLocal = (b: TimeFields) => b.date !== undefined || b.startTime !== undefined || b.stopDate !== undefined || b.stopTime !== undefined;
const hasInstant = (b: TimeFields) => b.startedAt !== undefined || b.stoppedAt !== undefined;

function mixError(): AppError {
  return new AppError('VALIDATION_ERROR', 'Send either startedAt/stoppedAt (UTC instants) or date, startTime and stopTime (local), not both.');
}

/** Create: both ends are required, in one of the two forms. */
export function resolveCreateTimes(body: TimeFields, tz: string): { startedAt: Date; stoppedAt: Date } {
  if (hasLocal(body) && hasInstant(body)) throw mixError();
  if (hasInstant(body)) {
    if (!body.startedAt || !body.stoppedAt) throw new AppError('VALIDATION_ERROR', 'Both startedAt and stoppedAt are required.');
    return { startedAt: parseInstant(body.startedAt, 'startedAt'), stoppedAt: parseInstant(body.stoppedAt, 'stoppedAt') };
  }
  if (!body.date || !body.startTime || !body.stopTime) {
    const missing = [!body.date && 'date', !body.startTime && 'startTime', !body.stopTime && 'stopTime'].filter(Boolean).join(', ');
    throw new AppError('VALIDATION_ERROR', `Missing ${missing}: give the date with start and stop time (or startedAt and stoppedAt).`);
  }
  const date = parseDateField(body.date, 'date');
  const stopDate = body.stopDate === undefined ? date : parseDateField(body.stopDate, 'stopDate');
  return {
    startedAt: resolveLocal({ field: 'start', date, time: body.startTime, offset: body.startOffset, tz }),
    stoppedAt: resolveLocal({ field: 'stop', date: stopDate, time: body.stopTime, offset: body.stopOffset, tz }),
  };
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const shiftDate = (date: string, days: number) => new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

/**
 * Edit: fields not sent keep their value. An end whose local date and time are unchanged keeps
 * its exact instant (so re-saving a form never trips over seconds or an ambiguous hour). Moving
 * `date` alone moves the stop date with it, keeping a session across midnight across midnight.
 */
export function resolvePatchTimes(body: TimeFields, current: { startedAt: Date; stoppedAt: Date }, tz: string): { startedAt: Date; stoppedAt: Date } {
  if (hasLocal(body) && hasInstant(body)) throw mixError();
  if (hasInstant(body)) {
    return {
      startedAt: body.startedAt ? parseInstant(body.startedAt, 'startedAt') : current.startedAt,
      stoppedAt: body.stoppedAt ? parseInstant(body.stoppedAt, 'stoppedAt') : current.stoppedAt,
    };
  }
  if (!hasLocal(body)) return current;
  const date0 = localDateOf(current.startedAt, tz);
  const start0 = localTimeOf(current.startedAt, tz);
  const stopDate0 = localDateOf(current.stoppedAt, tz);
  const stop0 = localTimeOf(current.stoppedAt, tz);
  const date = body.date === undefined ? date0 : parseDateField(body.date, 'date');
  const startTime = body.startTime ?? start0;
  const stopDate = body.stopDate !== undefined
    ? parseDateField(body.stopDate, 'stopDate')
    : shiftDate(stopDate0, dayNumber(date) - dayNumber(date0));
  const stopTime = body.stopTime ?? stop0;
  const startedAt = date === date0 && startTime === start0 && body.startOffset === undefined
    ? current.startedAt
    : resolveLocal({ field: 'start', date, time: startTime, offset: body.startOffset, tz });
  const stoppedAt = stopDate === stopDate0 && stopTime === stop0 && body.stopOffset === undefined
    ? current.stoppedAt
    : resolveLocal({ field: 'stop', date: stopDate, time: stopTime, offset: body.stopOffset, tz });
  return { startedAt, stoppedAt };
}

/** True if the body changes either end of the entry. */
export function touchesTimes(body: TimeFields): boolean {
  return hasLocal(body) || hasInstant(body);
}

/**
 * A `from`/`to` filter value: a date 'YYYY-MM-DD' (a whole local day; `to` inclusive) or an ISO
 * instant (taken as is; `to` exclusive).
 */
export function rangeBound(value: string | undefined, which: 'from' | 'to', tz: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (DateSchema.safeParse(value).success) {
    try {
      const b = dayBounds(value, tz);
      return which === 'from' ? b.start : b.end;
    } catch {
      throw new AppError('VALIDATION_ERROR', `${which}: No such date "${value}"`);
    }
  }
  // Strict ISO 8601 with Z or an offset: `new Date` alone rolls 30 Feb over to March and reads an
  // offset-less instant in the server's own zone.
  if (InstantSchema.safeParse(value).success) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new AppError('VALIDATION_ERROR', `${which}: Expected a date YYYY-MM-DD or an ISO 8601 instant`);
}
