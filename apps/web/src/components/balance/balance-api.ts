import { BalanceCorrectionSchema, BalanceSchema, formatMinutes, type Balance, type BalanceCorrection, type BalanceCorrectionBody } from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** Query keys: everything about balances starts with 'balances' (a correction refetches them all). */
export const balanceKeys = {
  all: ['balances'] as const,
  of: (userId: string, month: string | undefined) => ['balances', userId, month ?? 'current'] as const,
};

/** `GET /api/balances/:userId?month=`: the overtime account and vacation days (members: their own). */
export function balanceQueryOptions(userId: string, month?: string) {
  return queryOptions({
    queryKey: balanceKeys.of(userId, month),
    queryFn: ({ signal }): Promise<Balance> =>
      api.get(`/api/balances/${encodeURIComponent(userId)}`, { query: month ? { month } : {}, schema: BalanceSchema, signal }),
    enabled: userId !== '',
  });
}

export function useBalance(userId: string, month?: string) {
  return useQuery(balanceQueryOptions(userId, month));
}

/** `POST /api/balances/:userId/corrections` (managers, admins); refetches balances and the diary. */
export function useBookCorrection(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BalanceCorrectionBody): Promise<BalanceCorrection> =>
      api.post(`/api/balances/${encodeURIComponent(userId)}/corrections`, { body, schema: BalanceCorrectionSchema }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: balanceKeys.all });
      void client.invalidateQueries({ queryKey: ['diary'] });
    },
  });
}

/** Minutes as signed hours 'h:mm' with a real minus sign (−1:30); positive ones without a sign. */
export function signedHours(minutes: number): string {
  return minutes < 0 ? `−${formatMinutes(-minutes)}` : formatMinutes(minutes);
}

/** Days with up to one decimal (12.5), in the active locale. */
export function days(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

/** 'h:mm' or '-h:mm' (also '−h:mm', or whole hours '5') → minutes; null when not a duration. */
export function parseSignedHours(text: string): number | null {
  const m = /^\s*([-−+]?)\s*(\d{1,4})(?::([0-5]\d))?\s*$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' || m[1] === '−' ? -minutes : minutes;
}
