import {
  PublicReportSchema, ReportSchema, ReportShareCreatedSchema, ReportShareListSchema,
  type PublicReport, type Report, type ReportShare,
} from '@workdiary/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, download } from '../../../lib/api-client';
import type { ReportRequest } from '../lib/report-view';

export const reportsKey = ['reports'] as const;
const sharesKey = [...reportsKey, 'shares'] as const;

/** `GET /api/reports?…`; the previous answer stays on screen (dimmed) while a new view loads. */
export function reportQueryOptions(request: ReportRequest) {
  return queryOptions({
    queryKey: [...reportsKey, 'report', request] as const,
    queryFn: ({ signal }): Promise<Report> => api.get('/api/reports', { query: request, schema: ReportSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

/** The same view as a file (`GET /api/reports.xlsx|.csv|.pdf?…`), saved under the server's name. */
export function downloadReport(format: ExportFormat, request: ReportRequest): Promise<string> {
  return download(`/api/reports.${format}`, `report_${request.from}_${request.to}.${format}`, { query: { ...request } });
}

/** The people a manager can filter by: everyone, former staff too (their time is in past reports). */
const PeopleSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), active: z.boolean() })) });
export type Person = z.infer<typeof PeopleSchema>['items'][number];

export function usePeople(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'report-people'] as const,
    queryFn: ({ signal }) => api.get('/api/users', { schema: PeopleSchema, signal }).then((list) =>
      [...list.items].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name))),
    enabled,
    staleTime: 60_000,
  });
}

/** One customer's name, for the customer filter of a bookmarked view. */
const CustomerNameSchema = z.object({ id: z.string(), name: z.string() });
export function useCustomerName(id: string | null) {
  return useQuery({
    queryKey: ['customers', id, 'name'] as const,
    queryFn: ({ signal }) => api.get(`/api/customers/${encodeURIComponent(id ?? '')}`, { schema: CustomerNameSchema, signal }),
    enabled: id !== null,
    staleTime: 60_000,
  });
}

/** Your shared reports that have not expired. */
export function useReportShares(enabled = true) {
  return useQuery({
    queryKey: sharesKey,
    queryFn: ({ signal }): Promise<ReportShare[]> => api.get('/api/reports/shares', { schema: ReportShareListSchema, signal }).then((l) => l.items),
    enabled,
  });
}

export type ShareBody = {
  query: { from: string; to: string; groupBy: string; userId?: string; customerId?: string; categoryId?: string };
  expiresAt: string;
};

export function useCreateShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareBody) => api.post('/api/reports/shares', { body, schema: ReportShareCreatedSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharesKey }),
  });
}

export function useEndShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/reports/shares/${encodeURIComponent(id)}`),
    onSuccess: (_void, id) => {
      queryClient.setQueryData<ReportShare[]>(sharesKey, (old) => old?.filter((s) => s.id !== id));
      return queryClient.invalidateQueries({ queryKey: sharesKey });
    },
  });
}

/** `GET /api/public/reports/:token`: no sign-in; 404 once the link has ended or expired. */
export function publicReportQueryOptions(token: string) {
  return queryOptions({
    queryKey: [...reportsKey, 'public', token] as const,
    queryFn: ({ signal }): Promise<PublicReport> => api.get(`/api/public/reports/${encodeURIComponent(token)}`, { schema: PublicReportSchema, signal }),
    retry: false,
  });
}
