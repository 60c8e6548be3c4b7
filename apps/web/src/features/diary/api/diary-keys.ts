/**
 * Every diary query lives under ['diary', …]: an entry write (components/entries) invalidates
 * ['diary'] and so refreshes the overview, the months, the days and their histories at once.
 */
export const diaryKeys = {
  all: ['diary'] as const,
  overview: (month: string) => ['diary', 'overview', month] as const,
  month: (userId: string, month: string) => ['diary', 'month', userId, month] as const,
  day: (userId: string, date: string) => ['diary', 'day', userId, date] as const,
  dayHistory: (userId: string, date: string) => ['diary', 'day-history', userId, date] as const,
  months: (month: string, userId?: string) => ['diary', 'months', month, userId ?? 'all'] as const,
};
