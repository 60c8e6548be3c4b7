// The diary's figures go through the SPA's one formatting helper (active locale).
export { hours, longDate, money, monthLabel, shortDate, weekdayShort } from '../../../lib/format';
