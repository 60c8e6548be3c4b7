import type { FastifyInstance } from 'fastify';
import type { Env } from '../config/env.ts';
import type { Database } from '../db/engine.ts';
import { createMemoryEventBus, type EventBus } from '../lib/events.ts';
import { createMailer, type Mailer } from '../lib/mailer.ts';
import { createOrgCache, type OrgCache } from '../lib/org-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    env: Env;
    events: EventBus;
    /** Organisation, customers, categories and work rules per organisation, dropped on change events. */
    orgCache: OrgCache;
    /** Set by the server while it shuts down: GET /api/ready then answers 503. */
    lifecycle: { draining: boolean };
    /** The server clock; tests may replace it. */
    now: () => Date;
    /** Mail over SMTP_URL, or to the log without it (lib/mailer.ts). */
    mailer: Mailer;
  }
}

/** What every route reaches through `app`: the database, configuration, live events, caches, the clock. */
export function decorateContext(app: FastifyInstance, options: { database: Database; env: Env; events?: EventBus; now?: () => Date }) {
  app.decorate('database', options.database);
  app.decorate('env', options.env);
  const events = options.events ?? createMemoryEventBus();
  app.decorate('events', events);
  app.decorate('orgCache', createOrgCache({ prisma: options.database.prisma, events }));
  app.decorate('lifecycle', { draining: false });
  app.addHook('onClose', async () => {
    await events.close();
  });
  app.decorate('now', options.now ?? (() => new Date()));
  const mailer = createMailer({ smtpUrl: options.env.SMTP_URL, from: options.env.MAIL_FROM, log: app.log });
  app.decorate('mailer', mailer);
  app.addHook('onClose', async () => mailer.close());
}

/**
 * Every answer says the server's time (the web app's clock offset); while shutting down, no
 * connection is kept for a next request (the balancer opens its next one to an instance that
 * stays), so nothing is left idle when the listener closes.
 */
export function registerResponseHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Server-Time', String(Date.now()));
    if (app.lifecycle.draining) reply.header('connection', 'close');
  });
}
