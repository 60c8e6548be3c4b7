// What a calendar day asks of a user beyond the weekday rules: public holidays (the
// organisation's country and region) and the user's approved absences. The server works both
// out (holidays with a maintained library, absences from the database) and passes them in, so
// these stay pure functions shared by the API, the diary SQL's agreement test and the web.
import { weekdayIndex } from './calendar.ts';

export type AbsenceOfDay = {
  /** The absence kind's name, e.g. "Vacation". */
  kind: string;
  /** Share (0..100) of the day's required minutes the absence counts as fulfilled. */
  creditPercent: number;
};

export type DayCalendar = {
  /** Public holidays: 'YYYY-MM-DD' → name ("Christmas Day"). */
  holidays?: Readonly<Record<string, string>>;
  /** Share (0..100) of the weekday's required minutes a holiday still requires; 0 (the default) = a day off. */
  holidaySharePercent?: number;
  /** The user's approved absences: 'YYYY-MM-DD' → kind and credit. */
  absences?: Readonly<Record<string, AbsenceOfDay>>;
};

export type DayRequirement = {
  /** Required minutes of the day: the weekday's, cut to the holiday share on a public holiday. */
  requiredMinutes: number;
  /** Minutes of `requiredMinutes` an approved absence counts as fulfilled (never extra). */
  absenceMinutes: number;
  holiday: string | null;
  absence: AbsenceOfDay | null;
};

/** Whole minutes of a percentage, floored (the diary SQL uses the same integer division). */
export function percentOf(minutes: number, percent: number): number {
  return Math.floor((minutes * percent) / 100);
}

/** The required and absence-credited minutes of `date`, from the weekday rules and the calendar. */
export function dayRequirement(date: string, requiredByWeekday: readonly number[], calendar: DayCalendar = {}): DayRequirement {
  const weekday = requiredByWeekday[weekdayIndex(date)] ?? 0;
  const holiday = calendar.holidays?.[date] ?? null;
  const requiredMinutes = holiday === null ? weekday : percentOf(weekday, calendar.holidaySharePercent ?? 0);
  const absence = calendar.absences?.[date] ?? null;
  const absenceMinutes = absence === null ? 0 : percentOf(requiredMinutes, absence.creditPercent);
  return { requiredMinutes, absenceMinutes, holiday, absence };
}
