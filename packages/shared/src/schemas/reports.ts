import { z } from 'zod';
import { DateSchema, IdSchema, InstantSchema, text } from './common.ts';

/**
 * Reports (DOMAIN.md → "Reports"): hours and billable amounts grouped by one or two of these, over
 * an inclusive range of local dates.
 */
export const REPORT_GROUPS = ['customer', 'category', 'user', 'month', 'week', 'day'] as const;
export type ReportGroupBy = (typeof REPORT_GROUPS)[number];
/** The longest range a report covers: five years. */
export const REPORT_MAX_DAYS = 5 * 366;

const groupByList = text()
  .transform((v, ctx) => {
    const parts = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length < 1 || parts.length > 2) {
      ctx.addIssue({ code: 'custom', message: `Group by one or two of ${REPORT_GROUPS.join(', ')}, comma-separated (e.g. customer,user)` });
      return z.NEVER;
    }
    const unknown = parts.find((p) => !(REPORT_GROUPS as readonly string[]).includes(p));
    if (unknown !== undefined) {
      ctx.addIssue({ code: 'custom', message: `Unknown group "${unknown}": choose from ${REPORT_GROUPS.join(', ')}` });
      return z.NEVER;
    }
    if (parts[0] === parts[1]) {
      ctx.addIssue({ code: 'custom', message: 'The two groups must differ' });
      return z.NEVER;
    }
    return parts as ReportGroupBy[];
  });

/** Days from `from` to `to` inclusive (both YYYY-MM-DD); negative when `to` is before `from`. */
export function reportDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const reportQueryShape = {
  from: DateSchema,
  to: DateSchema,
  groupBy: groupByList.default(['customer']),
  userId: IdSchema.optional(),
  customerId: IdSchema.optional(),
  categoryId: IdSchema.optional(),
};

/** Whether YYYY-MM-DD names a real calendar day (not 2026-02-30). */
const realDate = (d: string) => {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
};

function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  for (const key of ['from', 'to'] as const) {
    if (!realDate(q[key])) {
      ctx.addIssue({ code: 'custom', path: [key], message: `No such date "${q[key]}"` });
      return;
    }
  }
  const days = reportDays(q.from, q.to);
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must not be before "from"' });
  else if (days > REPORT_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'A report covers at most 5 years' });
}

/** `GET /api/reports?from=&to=&groupBy=&userId=&customerId=&categoryId=` (also .xlsx, .csv, .pdf). */
export const ReportQuerySchema = z.object(reportQueryShape).superRefine(checkRange);
export type ReportQuery = z.output<typeof ReportQuerySchema>;
export type ReportQueryInput = z.input<typeof ReportQuerySchema>;

const reportGroupShape = {
  /** The group's id: a customer/category/user id, `YYYY-MM`, ISO week `YYYY-Www`, or `YYYY-MM-DD`. */
  key: z.string(),
  /** What the screen shows: a name, or the month/week/day key (the client formats it). */
  label: z.string(),
  minutes: z.number().int(),
  /** Minutes spent for customers with an hourly rate. */
  billableMinutes: z.number().int(),
  /** Minor units: Σ minutes × the customer's rate ÷ 60, rounded half-up once for this group. */
  amount: z.number().int(),
};
/** A second-level group (no deeper level exists). */
export const ReportSubGroupSchema = z.object(reportGroupShape);
export const ReportGroupSchema = z.object({ ...reportGroupShape, children: z.array(ReportSubGroupSchema).optional() });
export type ReportGroup = z.infer<typeof ReportGroupSchema>;

export const ReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.array(z.enum(REPORT_GROUPS)),
  currency: z.string(),
  totalMinutes: z.number().int(),
  totalBillableMinutes: z.number().int(),
  /** Minor units, rounded once over the whole report. */
  totalAmount: z.number().int(),
  groups: z.array(ReportGroupSchema),
  /** One point per local day of the range. */
  series: z.array(z.object({ date: z.string(), minutes: z.number().int() })),
  /** The filters applied (a member's report is always their own). */
  filters: z.object({
    userId: z.string().nullable(),
    customerId: z.string().nullable(),
    categoryId: z.string().nullable(),
  }),
});
export type Report = z.infer<typeof ReportSchema>;

/** `POST /api/reports/shares { query, expiresAt }` → `201 { id, url }`. */
export const ReportShareBodySchema = z.object({
  query: z.object({
    from: DateSchema,
    to: DateSchema,
    groupBy: z.union([groupByList, z.array(z.enum(REPORT_GROUPS)).min(1).max(2)]),
    userId: IdSchema.optional(),
    customerId: IdSchema.optional(),
    categoryId: IdSchema.optional(),
  }).superRefine(checkRange),
  expiresAt: InstantSchema,
});
export type ReportShareBody = z.input<typeof ReportShareBodySchema>;

export const ReportShareSchema = z.object({
  id: z.string(),
  url: z.string(),
  query: z.object({
    from: z.string(),
    to: z.string(),
    groupBy: z.array(z.enum(REPORT_GROUPS)),
    userId: z.string().nullable(),
    customerId: z.string().nullable(),
    categoryId: z.string().nullable(),
  }),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type ReportShare = z.infer<typeof ReportShareSchema>;
export const ReportShareListSchema = z.object({ items: z.array(ReportShareSchema) });
export const ReportShareCreatedSchema = z.object({ id: z.string(), url: z.string() });

/** The public, read-only view of a shared report: the report and what it was asked for (no ids of people beyond the report's labels). */
export const PublicReportSchema = ReportSchema.extend({
  organization: z.string(),
  expiresAt: z.string(),
});
export type PublicReport = z.infer<typeof PublicReportSchema>;
