import {
  IdParamsSchema,
  NoContentSchema,
  WEBHOOK_EVENTS,
  WEBHOOK_TEST_EVENT,
  WebhookBodySchema,
  WebhookCreatedSchema,
  WebhookDeliveryListSchema,
  WebhookListSchema,
  WebhookPatchSchema,
  WebhookSchema,
  WebhookTestQueuedSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { createWebhookWorker } from './webhook-worker.ts';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, queueTestEvent, setWebhookEnabled } from './webhooks.service.ts';

const tags = ['webhooks'];
const admins = { access: { roles: ['ADMIN' as const] } };

const DELIVERY = 'Each delivery is `POST url` with the JSON body `{ id, type, occurredAt, data }` (`id`: the event\'s, the same for every webhook and every retry: '
  + 'use it to drop duplicates), headers `X-Workdiary-Event: <type>`, `X-Workdiary-Delivery: <delivery id>` and `X-Workdiary-Signature: sha256=<hex HMAC-SHA256 of the raw body '
  + 'with the secret>`. Entry events carry `data: { actorId, entry }` (the entry as `GET /api/work-entries` answers it; `entry.updated` also `previous`; '
  + '`entry.deleted` the entry as it was, also for a discarded running timer); `timer.stopped` also comes from a manager stopping someone\'s timer. '
  + 'Month events carry `data: { actorId, userId, month, reason }`. Only a 2xx answer within 5 s counts; redirects are not followed (a 3xx is a failure). '
  + 'A failure is retried after 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h and 8 h (ten attempts over about a day); when the last one fails the delivery is FAILED '
  + 'and the webhook is turned off (`disabledReason: FAILING`, audited) until an admin turns it on again. The deliveries are written in the transaction of the change '
  + '(an outbox): none for a change that was rolled back, none lost by a restart, each sent by one instance however many run.';

export default async function webhooksRoutes(app: App) {
  // The delivery worker of this process: polls every WEBHOOK_POLL_MS and wakes on entry and timer events.
  const worker = createWebhookWorker({ sql: app.database.unscoped, allowPrivate: app.env.WEBHOOK_ALLOW_PRIVATE, log: app.log, events: app.events });
  if (app.env.WEBHOOK_POLL_MS > 0) {
    app.addHook('onReady', async () => worker.start(app.env.WEBHOOK_POLL_MS));
    app.addHook('onClose', async () => worker.stop());
  }

  app.post('/webhooks', {
    config: admins,
    schema: {
      tags,
      summary: 'Add a webhook (admins): the organisation\'s events of `events` are POSTed to `url`',
      description: `Events: ${WEBHOOK_EVENTS.map((e) => `\`${e}\``).join(', ')}. Answers \`{ id, secret }\`; the secret is shown only here. ${DELIVERY} `
        + 'In production a URL whose host is or resolves to a private, loopback or link-local address is refused with `WEBHOOK_TARGET_PRIVATE` (checked again at every delivery), '
        + 'a host that does not resolve with `WEBHOOK_TARGET_UNRESOLVED`; `WEBHOOK_ALLOW_PRIVATE=true` allows them (the default outside production).',
      body: WebhookBodySchema,
      response: { 201: WebhookCreatedSchema },
    },
  }, async (request, reply) => reply.status(201).send(await createWebhook({ db: request.db, actor: request.auth, body: request.body, allowPrivate: app.env.WEBHOOK_ALLOW_PRIVATE })));

  app.get('/webhooks', {
    config: admins,
    schema: { tags, summary: 'The organisation\'s webhooks (admins), with whether each is on, why it was turned off, and its pending deliveries', response: { 200: WebhookListSchema } },
  }, async (request) => listWebhooks({ db: request.db }));

  app.patch('/webhooks/:id', {
    config: admins,
    schema: {
      tags,
      summary: 'Turn a webhook on again or off (admins)',
      description: '`{ enabled: true }` after it was turned off for failing: the deliveries that waited go out at once. Audited.',
      params: IdParamsSchema,
      body: WebhookPatchSchema,
      response: { 200: WebhookSchema },
    },
  }, async (request) => {
    const webhook = await setWebhookEnabled({ db: request.db, actor: request.auth, id: request.params.id, body: request.body, now: app.now() });
    worker.wake();
    return webhook;
  });

  app.delete('/webhooks/:id', {
    config: admins,
    schema: { tags, summary: 'Delete a webhook and its delivery log (admins); pending deliveries are dropped', params: IdParamsSchema, response: { 204: NoContentSchema } },
  }, async (request, reply) => {
    await deleteWebhook({ db: request.db, actor: request.auth, id: request.params.id });
    return reply.status(204).send(null);
  });

  app.get('/webhooks/:id/deliveries', {
    config: admins,
    schema: {
      tags,
      summary: 'A webhook\'s delivery log (admins): the newest 100 deliveries',
      description: 'Per delivery: `status` (PENDING, SUCCEEDED, FAILED), `attempts`, the last attempt\'s `responseStatus` and `responseTimeMs` (or `error`: e.g. `timeout`), `nextAttemptAt`.',
      params: IdParamsSchema,
      response: { 200: WebhookDeliveryListSchema },
    },
  }, async (request) => listDeliveries({ db: request.db, id: request.params.id }));

  app.post('/webhooks/:id/test', {
    config: admins,
    schema: {
      tags,
      summary: 'Send a test event (admins)',
      description: `Queues one \`${WEBHOOK_TEST_EVENT}\` delivery (signed as any other, one attempt, no retries, also to a webhook that is turned off) and answers 202 at once; `
        + 'its outcome shows in the delivery log.',
      params: IdParamsSchema,
      response: { 202: WebhookTestQueuedSchema },
    },
  }, async (request, reply) => {
    const queued = await queueTestEvent({ db: request.db, actor: request.auth, id: request.params.id, now: app.now() });
    worker.wake();
    return reply.status(202).send(queued);
  });
}
