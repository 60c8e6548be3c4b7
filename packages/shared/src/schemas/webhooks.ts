import { z } from 'zod';
import { text } from './common.ts';

/** The events a webhook can subscribe to (DOMAIN.md, Integrations). */
export const WEBHOOK_EVENTS = ['timer.started', 'timer.stopped', 'entry.created', 'entry.updated', 'entry.deleted', 'month.approved', 'month.reopened'] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
/** The type of the "send test event" delivery; no webhook subscribes to it. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** `POST /api/webhooks { url, events }`: an http(s) URL without credentials, at least one event. */
export const WebhookBodySchema = z.object({
  url: text().trim().max(2000)
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL' }))
    .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'A user name or password in the URL is not supported'),
  events: z.array(WebhookEventSchema).min(1, 'Choose at least one event').max(WEBHOOK_EVENTS.length),
});
export type WebhookBody = z.input<typeof WebhookBodySchema>;

/** `PATCH /api/webhooks/:id { enabled }`: turn a webhook (disabled after repeated failure) on again, or off. */
export const WebhookPatchSchema = z.object({ enabled: z.boolean() });
export type WebhookPatch = z.infer<typeof WebhookPatchSchema>;

/** One webhook as listed: never its secret. */
export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  createdAt: z.string(),
  enabled: z.boolean(),
  /** When it was turned off (null: on). */
  disabledAt: z.string().nullable(),
  /** FAILING: a delivery failed through its last retry (a day), so deliveries stopped; MANUAL: an admin turned it off. */
  disabledReason: z.string().nullable(),
  /** Deliveries still to be made (waiting for their first attempt or a retry). */
  pending: z.number().int(),
  /** When the last delivery succeeded / failed (null: never). */
  lastSuccessAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
});
export type Webhook = z.infer<typeof WebhookSchema>;
export const WebhookListSchema = z.object({ items: z.array(WebhookSchema) });
export type WebhookList = z.infer<typeof WebhookListSchema>;

/** `201 { id, secret }`: the only time the signing secret is shown. */
export const WebhookCreatedSchema = z.object({ id: z.string(), secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreatedSchema>;

export const WebhookDeliveryStatusSchema = z.enum(['PENDING', 'SUCCEEDED', 'FAILED']);
/** One delivery of one event to one webhook (`GET /api/webhooks/:id/deliveries`), newest first. */
export const WebhookDeliverySchema = z.object({
  id: z.string(),
  /** The event's id: the body's `id`. */
  eventId: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  /** PENDING: waiting for its first attempt or a retry; SUCCEEDED: a 2xx answer; FAILED: no 2xx within a day of retries. */
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  /** The last attempt's HTTP status (null: none yet, or no answer: timeout, refused, …). */
  responseStatus: z.number().int().nullable(),
  /** The last attempt's time until the answer's status, in milliseconds. */
  responseTimeMs: z.number().int().nullable(),
  /** Why the last attempt failed when there was no answer, e.g. "timeout". */
  error: z.string().nullable(),
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
export const WebhookDeliveryListSchema = z.object({ items: z.array(WebhookDeliverySchema) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>;
/** `POST /api/webhooks/:id/test` → 202: the test delivery, queued (it shows in the log). */
export const WebhookTestQueuedSchema = z.object({ id: z.string(), eventId: z.string() });
